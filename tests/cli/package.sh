# Install and packaging: `cmake --install` of the build tree into a scratch
# DESTDIR gives the expected tree, and the installed binary finds the rubric
# installed next to it (no --rubric, no $STARGRADE_RUBRIC); cpack builds
# stargrade_VERSION_ARCH.deb whose control fields, Depends (from dpkg-shlibdeps)
# and contents are checked, and whose extracted binary grades a sample too.
# The build tree is the folder of BIN.
source "$(dirname "$0")/lib.sh" "$1" "$2"
BUILD=$(dirname "$BIN")
cd "$REPO"
if [ ! -f "$BUILD/CMakeCache.txt" ] || [ ! -f "$BUILD/CPackConfig.cmake" ]; then
  fail "$BUILD is not a configured build tree (no CMakeCache.txt / CPackConfig.cmake)"
  finish
  exit 1
fi
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null && pass || fail "$tool is missing (scripts/setup.sh installs build-essential, with dpkg-dev)"
done
version=$("$BIN" --version | awk '{print $2}')
[ -n "$version" ] && pass || fail "stargrade --version printed no version"
sample=samples/s01-ledger-migration.md
[ -f "$sample" ] && pass || fail "$sample is missing"

# Grades the sample with the stargrade under ROOT (prefix /usr) from another
# folder, without --rubric or $STARGRADE_RUBRIC; checks the rubric it used.
grade_from_root() {
  local root=$1 what=$2 rc=0 want
  mkdir -p "$TMP/elsewhere"
  (cd "$TMP/elsewhere" && env -u STARGRADE_RUBRIC "$root/usr/bin/stargrade" grade --quiet \
      --json "$TMP/$what.json" "$REPO/$sample") >"$TMP/out" 2>"$TMP/err" || rc=$?
  if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then pass; else
    fail "$what: grading $sample exited $rc"; sed 's/^/  | /' "$TMP/err" | head -5 >&2; return; fi
  want=$(cd "$root/usr/share/stargrade/rubrics" && pwd -P)/tpm.yaml
  python3 - "$TMP/$what.json" "$want" <<'PY' && pass || fail "$what: the report does not use the rubric installed next to the binary"
import json, sys
r = json.load(open(sys.argv[1]))
path, want = r["rubric"]["path"], sys.argv[2]
if path != want or r["summary"]["graded"] != 1:
    print("   rubric.path %s, want %s; graded %s" % (path, want, r["summary"]["graded"]), file=sys.stderr)
    sys.exit(1)
PY
}

# 1. cmake --install into a scratch root.
root=$TMP/root
DESTDIR=$root cmake --install "$BUILD" --prefix /usr >"$TMP/install.log" 2>&1 && pass ||
  { fail "cmake --install failed"; tail -5 "$TMP/install.log" >&2; }
[ "$(ls -A "$root")" = usr ] && pass || fail "cmake --install wrote outside usr/: $(ls -A "$root" | tr '\n' ' ')"
expected_files="usr/bin/stargrade
usr/share/stargrade/rubrics/tpm.yaml
usr/share/stargrade/rubrics/tpm.calibration.yaml
usr/share/stargrade/rubrics/README.md
usr/share/stargrade/schemas/rubric.schema.json
usr/share/stargrade/schemas/report.schema.json
usr/share/bash-completion/completions/stargrade
usr/share/doc/stargrade/README.md
usr/share/doc/stargrade/docs/reports.md
usr/share/doc/stargrade/docs/html-report.png
usr/share/doc/stargrade/copyright"
for f in $expected_files; do
  [ -f "$root/$f" ] && pass || fail "cmake --install did not install $f"
done
[ -x "$root/usr/bin/stargrade" ] && pass || fail "the installed binary is not executable"
man=$root/usr/share/man/man1/stargrade.1
if [ -f "$man.gz" ]; then
  gzip -dc "$man.gz" | cmp -s - docs/stargrade.1 && pass || fail "stargrade.1.gz is not docs/stargrade.1"
elif [ -f "$man" ]; then
  cmp -s "$man" docs/stargrade.1 && pass || fail "the installed stargrade.1 is not docs/stargrade.1"
else
  fail "cmake --install did not install the man page (share/man/man1/stargrade.1[.gz])"
fi
cmp -s "$root/usr/share/bash-completion/completions/stargrade" completion/stargrade.bash && pass ||
  fail "the installed completion is not completion/stargrade.bash"
for s in rubric report; do
  cmp -s "$root/usr/share/stargrade/schemas/$s.schema.json" "docs/$s.schema.json" && pass ||
    fail "the installed $s schema is not docs/$s.schema.json"
done
grade_from_root "$root" installed
expect_rc 0 "installed schema rubric" -- "$root/usr/bin/stargrade" schema rubric
cmp -s "$TMP/out" docs/rubric.schema.json && pass || fail "the installed binary prints another rubric schema"

# 2. The .deb. CPACK_CMAKE_GENERATOR=Ninja makes cpack install the build tree
# without building its 'preinstall' target first (with Makefiles that builds
# everything, unit tests included): a test must not build in the tree ctest runs.
arch=$(dpkg --print-architecture)
deb=$TMP/pkg/stargrade_${version}_${arch}.deb
cpack --config "$BUILD/CPackConfig.cmake" -D CPACK_CMAKE_GENERATOR=Ninja -B "$TMP/pkg" >"$TMP/cpack.log" 2>&1 && pass ||
  { fail "cpack failed"; tail -8 "$TMP/cpack.log" >&2; }
[ -f "$deb" ] && pass || fail "cpack did not write $(basename "$deb"): $(ls "$TMP/pkg" 2>/dev/null | tr '\n' ' ')"
if [ -f "$deb" ]; then
  dpkg-deb -I "$deb" >"$TMP/info" 2>&1 && pass || fail "dpkg-deb -I failed"
  field() { dpkg-deb -f "$deb" "$1" 2>/dev/null; }
  [ "$(field Package)" = stargrade ] && pass || fail "Package is '$(field Package)'"
  [ "$(field Version)" = "$version" ] && pass || fail "Version is '$(field Version)', want $version"
  [ "$(field Architecture)" = "$arch" ] && pass || fail "Architecture is '$(field Architecture)'"
  [ "$(field Section)" = utils ] && pass || fail "Section is '$(field Section)'"
  [ -n "$(field Maintainer)" ] && pass || fail "no Maintainer"
  expect_grep "batch grader for written interview answers" "$TMP/info" "Description"
  depends=$(field Depends)
  for lib in libyaml-cpp libboost-regex libfmt libstdc++6 libc6; do
    case ", $depends" in *", $lib"*) pass ;; *) fail "Depends lacks $lib: $depends" ;; esac
  done
  dpkg-deb -c "$deb" >"$TMP/contents" 2>&1 && pass || fail "dpkg-deb -c failed"
  for f in $expected_files usr/share/man/man1/stargrade.1.gz; do
    grep -qE " \./$f\$" "$TMP/contents" && pass || fail "the package lacks /$f"
  done
  grep -vqE ' \./usr/' "$TMP/contents" && fail "the package has files outside /usr: $(grep -vE ' \./usr/' "$TMP/contents" | head -3)" || pass
  awk '{print $2}' "$TMP/contents" | grep -vqx root/root && fail "the package has files not owned by root" || pass
  grep -E ' \./usr/bin/stargrade$' "$TMP/contents" | grep '^-rwxr-xr-x' >/dev/null && pass || fail "/usr/bin/stargrade is not mode 0755"
  dpkg-deb -x "$deb" "$TMP/x" && pass || fail "dpkg-deb -x failed"
  grade_from_root "$TMP/x" extracted
fi
finish
