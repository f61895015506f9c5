# Exit codes of `stargrade grade` and `stargrade check`, as documented in the README.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
strong=samples/s01-ledger-migration.md
weak=samples/s09-gantt-first-plan.md

expect_rc 0 "all passed" -- "$BIN" grade --fail-under 0 --quiet "$strong"
expect_rc 1 "some failed" -- "$BIN" grade --fail-under 100 --quiet "$weak"
printf '' >"$TMP/empty.md"
expect_rc 2 "an input could not be graded" -- "$BIN" grade --fail-under 0 --json "$TMP/e.json" "$strong" "$TMP/empty.md"
[ -s "$TMP/e.json" ] && pass || fail "the report is written even when an input has an error"
expect_rc 2 "a missing path" -- "$BIN" grade --fail-under 0 --quiet "$strong" "$TMP/nope.md"
expect_grep "no such file or folder" "$TMP/err" "--quiet still prints input errors"
"$BIN" grade --fail-under 0 --quiet --json "$TMP/m.json" "$strong" "$TMP/nope.md" 2>/dev/null || true
python3 -c "
import json,sys; r=json.load(open('$TMP/m.json'))
a=[x for x in r['answers'] if x['status']=='error']
sys.exit(0 if len(a)==1 and 'no such file or folder' in a[0]['error'] and r['summary']['errors']==1 else 1)" && pass || fail "missing path is an error row"

expect_rc 64 "unknown option" -- "$BIN" grade --bogus "$strong"
expect_rc 64 "no subcommand" -- "$BIN"
expect_rc 64 "--fail-under out of range" -- "$BIN" grade --fail-under 140 "$strong"
expect_rc 64 "unknown --question" -- "$BIN" grade --question not-a-question "$strong"
expect_grep "not-a-question" "$TMP/err" "unknown --question names it"

printf 'schema: 1\nid: x\n' >"$TMP/bad.yaml"
expect_rc 65 "invalid rubric" -- "$BIN" grade --rubric "$TMP/bad.yaml" --json "$TMP/never.json" "$strong"
[ ! -e "$TMP/never.json" ] && pass || fail "no report is written when the rubric is invalid"
expect_rc 65 "check on an invalid rubric" -- "$BIN" check "$TMP/bad.yaml"
expect_rc 0 "check on the default rubric" -- "$BIN" check rubrics/tpm.yaml
expect_grep "ok (rubric tpm" "$TMP/out" "check prints ok"

mkdir -p "$TMP/none"; touch "$TMP/none/notes.pdf"
expect_rc 66 "no input found" -- "$BIN" grade "$TMP/none"
expect_grep "no input found" "$TMP/err" "no input message"

expect_rc 74 "report to a missing folder" -- "$BIN" grade --fail-under 0 --json "$TMP/missing/dir/r.json" "$strong"
expect_grep "cannot write" "$TMP/err" "write error message"
if [ -e /dev/full ]; then
  expect_rc 74 "report to a full disk" -- "$BIN" grade --fail-under 0 --json /dev/full "$strong"
fi

expect_rc 64 "--json and --csv on one file" -- "$BIN" grade --json "$TMP/same" --csv "$TMP/same" "$strong"
expect_grep "give them different files" "$TMP/err" "same report path message"
# A file name that is not UTF-8 is graded and reported, not a crash.
mkdir -p "$TMP/latin1"; cp "$strong" "$TMP/latin1/caf$(printf '\xe9').md"
expect_rc 0 "a non-UTF-8 file name" -- "$BIN" grade --fail-under 0 --json "$TMP/l.json" "$TMP/latin1"
python3 -c "import json; r=json.load(open('$TMP/l.json')); assert r['summary']['graded'] == 1" && pass || fail "report for a non-UTF-8 file name"
expect_rc 0 "--help" -- "$BIN" --help
expect_grep "Examples:" "$TMP/out" "help has examples"
expect_rc 0 "grade --help" -- "$BIN" grade --help
expect_grep "Exit status" "$TMP/out" "grade help lists exit codes"
expect_grep "stargrade grade samples/" "$TMP/out" "grade help has examples"
expect_rc 0 "check --help" -- "$BIN" check --help
expect_grep "Examples:" "$TMP/out" "check help has examples"
expect_rc 0 "--version" -- "$BIN" --version
expect_grep "stargrade " "$TMP/out" "version printed"

# --json - writes the report alone to standard output; the summary goes to stderr.
"$BIN" grade --fail-under 0 --json - "$strong" >"$TMP/stdout.json" 2>"$TMP/stderr" || true
python3 -c "import json; json.load(open('$TMP/stdout.json'))" && pass || fail "--json - is valid JSON on stdout"
expect_grep "1 answer: 1 graded" "$TMP/stderr" "summary on stderr with --json -"
finish
