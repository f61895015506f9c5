# The caches under STARGRADE_CACHE_DIR: a first run saves the loaded rubric
# (rubric-*.bin) and, in a build with Hyperscan, the compiled database
# (hs-*.db); a second run loads both and rewrites neither. Whatever happens
# to them (cache off, Hyperscan off, files emptied, cut short or altered, an
# unwritable folder, an edited rubric or calibration overlay) the reports are
# those of a run that reads the YAML.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$TMP"
cp -r "$REPO/samples" answers
cp "$REPO/rubrics/tpm.yaml" "$REPO/rubrics/tpm.calibration.yaml" .

run() {  # run NAME [ENV=VALUE...]: grade answers/ into NAME.json and NAME.csv
  local name=$1; shift
  expect_rc 1 "grade ($name)" -- env "$@" "$BIN" grade --quiet --rubric tpm.yaml --json "$name.json" \
    --csv "$name.csv" answers
  normalise_json "$name.json" >"$name.norm"
}
same() {  # same NAME REFERENCE: the reports of run NAME are those of run REFERENCE
  cmp -s "$2.norm" "$1.norm" && pass || fail "the JSON report of the $1 run differs from the $2 run's"
  cmp -s "$2.csv" "$1.csv" && pass || fail "the CSV report of the $1 run differs from the $2 run's"
}
count() { find "$1" -type f -name "$2" 2>/dev/null | wc -l; }
stamps() { stat -c '%n %Y.%s %i' "$1"/* 2>/dev/null; }

if ldd "$BIN" | grep 'libhs\.' >/dev/null; then hs=1; else hs=0; fi

run first STARGRADE_CACHE_DIR="$TMP/cache"
[ "$(count cache 'rubric-*.bin')" -eq 1 ] && pass || fail "the first run saves the rubric in the cache folder"
[ "$(count cache 'hs-*.db')" -eq "$hs" ] && pass || fail "the first run saves $hs Hyperscan database(s)"
[ "$(count cache '*.tmp')" -eq 0 ] && pass || fail "no temporary file is left in the cache folder"
before=$(stamps cache)
run second STARGRADE_CACHE_DIR="$TMP/cache"
[ "$(stamps cache)" = "$before" ] && pass || fail "the second run loads the cache files, not rewrites them"
same second first

run off STARGRADE_CACHE_DIR=off HOME="$TMP/home" XDG_CACHE_HOME=
[ ! -e home ] && pass || fail "STARGRADE_CACHE_DIR=off writes nothing"
same off first
run xdg -u STARGRADE_CACHE_DIR XDG_CACHE_HOME="$TMP/xdg"
[ "$(count xdg/stargrade 'rubric-*.bin')" -eq 1 ] && pass || fail "without STARGRADE_CACHE_DIR the cache is \$XDG_CACHE_HOME/stargrade"
run literal STARGRADE_HYPERSCAN=0 STARGRADE_CACHE_DIR="$TMP/cache2"
[ "$(count cache2 'hs-*.db')" -eq 0 ] && pass || fail "STARGRADE_HYPERSCAN=0 compiles no database"
same literal first
expect_rc 0 "check" -- env STARGRADE_CACHE_DIR="$TMP/cache3" "$BIN" check tpm.yaml
[ ! -e cache3 ] && pass || fail "check validates the YAML and writes no cache"

# Damaged files: each is read, found wrong, rebuilt and rewritten.
rubric_bin=$(ls cache/rubric-*.bin)
for f in cache/*; do : >"$f"; done
run emptied STARGRADE_CACHE_DIR="$TMP/cache"
for f in cache/*; do [ -s "$f" ] && pass || fail "the emptied $f is built again and rewritten"; done
same emptied first
size=$(stat -c %s "$rubric_bin")
truncate -s $((size / 2)) "$rubric_bin"
run truncated STARGRADE_CACHE_DIR="$TMP/cache"
[ "$(stat -c %s "$rubric_bin")" -eq "$size" ] && pass || fail "a rubric cache cut short is rewritten"
same truncated first
# One byte of the model changed (the last bytes of the file): its checksum no longer matches.
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(-40, 2); b = f.read(1); f.seek(-40, 2); f.write(bytes([b[0] ^ 1]))' "$rubric_bin"
run altered STARGRADE_CACHE_DIR="$TMP/cache"
cmp -s "$rubric_bin" cache2/"$(basename "$rubric_bin")" && pass || fail "an altered rubric cache is rewritten"
same altered first
run unwritable STARGRADE_CACHE_DIR=/proc/stargrade-cache
same unwritable first

# An edited rubric or calibration overlay is loaded from its YAML, never
# from the cache of what it was.
sed -i 's/^  pass: 60$/  pass: 95/' tpm.yaml
grep -q '^  pass: 95$' tpm.yaml || fail "the test could not edit the rubric's pass mark"
run edited STARGRADE_CACHE_DIR="$TMP/cache"
run edited_off STARGRADE_CACHE_DIR=off
same edited edited_off
cmp -s first.norm edited.norm && fail "raising the pass mark to 95 changes no verdict" || pass
[ "$(count cache 'rubric-*.bin')" -eq 2 ] && pass || fail "the edited rubric is cached beside the first"
run edited_again STARGRADE_CACHE_DIR="$TMP/cache"
same edited_again edited_off

sed -i 's/^  - {id: hire, min: 60,/  - {id: hire, min: 75,/' tpm.calibration.yaml
grep -q 'id: hire, min: 75,' tpm.calibration.yaml || fail "the test could not edit the calibration's bands"
run recalibrated STARGRADE_CACHE_DIR="$TMP/cache"
run recalibrated_off STARGRADE_CACHE_DIR=off
same recalibrated recalibrated_off
cmp -s edited.norm recalibrated.norm && fail "moving the hire band to 75 changes no band" || pass
run recalibrated_again STARGRADE_CACHE_DIR="$TMP/cache"
same recalibrated_again recalibrated_off
rm tpm.calibration.yaml
expect_rc 65 "grade with the calibration overlay gone" -- env STARGRADE_CACHE_DIR="$TMP/cache" \
  "$BIN" grade --quiet --rubric tpm.yaml --json gone.json answers
expect_grep "cannot read the calibration file" "$TMP/err" "a missing overlay is an error even when the rubric is cached"
finish
