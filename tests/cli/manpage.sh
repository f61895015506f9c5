# docs/stargrade.1 renders without a warning (groff -man -ww; man -l when
# man-db is installed), has the sections a man page needs, documents every
# exit status, and every subcommand with each option the completion offers.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
page=docs/stargrade.1
if ! command -v groff >/dev/null; then
  fail "groff is missing (scripts/setup.sh installs groff-base)"
  finish
  exit 1
fi
groff -man -Tutf8 -ww -z "$page" 2>"$TMP/warnings" && pass || fail "groff failed on $page"
[ ! -s "$TMP/warnings" ] && pass || { fail "groff warns about $page"; sed 's/^/  | /' "$TMP/warnings" | head >&2; }
LC_ALL=C.UTF-8 groff -man -Tutf8 -ww "$page" 2>/dev/null | sed 's/.\x08//g' >"$TMP/page.txt"
if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" >"$TMP/man.txt" 2>"$TMP/man.err" && pass || fail "man -l failed"
  [ ! -s "$TMP/man.err" ] && pass || { fail "man -l warns about $page"; sed 's/^/  | /' "$TMP/man.err" | head >&2; }
  expect_grep "batch grader for written interview answers" "$TMP/man.txt" "man -l output"
fi
# Lines of the source that would be read as requests by mistake.
grep -nE "^'" "$page" >"$TMP/bad" && { fail "lines starting with ' in $page"; cat "$TMP/bad" >&2; } || pass
grep -nE '[[:space:]]$' "$page" >"$TMP/bad" && { fail "trailing white space in $page"; head -3 "$TMP/bad" >&2; } || pass

for section in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  grep -qE "^\\.SH \"?$section\"?\$" "$page" && pass || fail "$page has no $section section"
done
expect_grep "stargrade \\- batch grader" "$page" "the NAME line (name \\- description)"
for code in 0 1 2 3 64 65 66 74 130 143; do
  sed -n '/^\.SH "EXIT STATUS"/,/^\.SH /p' "$page" | grep -E "^\.BR? .*\b$code\b" >/dev/null && pass ||
    fail "EXIT STATUS does not list $code"
done
for var in STARGRADE_RUBRIC NO_COLOR STARGRADE_CACHE_DIR STARGRADE_HYPERSCAN; do
  sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$page" | grep -x ".B $var" >/dev/null && pass || fail "ENVIRONMENT does not list $var"
done
grep -q 'share/stargrade/rubrics/tpm.yaml' "$page" && pass || fail "FILES does not name the default rubric"

# Every subcommand has its section, with the options the completion offers.
source completion/stargrade.bash
for sub in grade check explain calibrate schema diff trend merge; do
  grep -q "^\.SS \"stargrade $sub " "$page" && pass || fail "$page has no section for stargrade $sub"
  for opt in $(_stargrade_options "$sub"); do
    case $opt in --help | -h) continue ;; esac
    roff=${opt//-/\\-}
    grep -qF -- "$roff" "$page" && pass || fail "$page does not document $sub $opt"
  done
done
finish
