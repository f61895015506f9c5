# grade --baseline: the run compared with an earlier JSON report, exit 3 on a
# regression (after input errors, before failures), and a bad baseline stops
# the run before any report is written. Also --progress / --no-progress.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"

"$BIN" grade --quiet samples/ --json "$TMP/base.json" >/dev/null 2>&1 || true
[ -s "$TMP/base.json" ] && pass || fail "the baseline report is written"

# Same answers, same rubric: no regression; the exit status is the usual one.
expect_rc 1 "no regression: exit 1 as without --baseline (some samples fail)" -- \
  "$BIN" grade samples/ --baseline "$TMP/base.json" --json "$TMP/now.json"
expect_grep "No regression" "$TMP/out" "the comparison is printed after the summary"
expect_grep "Comparing $TMP/base.json (12 answers) with this run (12 answers), tolerance 5 points" "$TMP/out" "what is compared"
expect_rc 0 "no regression, nothing fails" -- "$BIN" grade -q --fail-under 0 samples/ --baseline "$TMP/base.json"
[ -s "$TMP/out" ] && fail "quiet: nothing printed without a regression" || pass

# A baseline in which s01 scored more, and s03 had no pitfall but one it has now.
python3 - "$TMP/base.json" "$TMP/higher.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for a in r["answers"]:
    if a["id"] == "s01":
        a["score"] = min(100.0, a["score"] + 0.5)
        want_s01 = a["score"]
json.dump(r, open(sys.argv[2], "w"))
PY
expect_rc 0 "a drop within the tolerance is no regression" -- \
  "$BIN" grade -q --fail-under 0 samples/ --baseline "$TMP/higher.json"
expect_rc 3 "a drop beyond --tolerance is a regression: exit 3" -- \
  "$BIN" grade -q --fail-under 0 --tolerance 0.1 samples/ --baseline "$TMP/higher.json"
expect_grep "1 answer regressed against $TMP/higher.json" "$TMP/err" "quiet: the regression is still told"
expect_rc 3 "exit 3 takes precedence over 1" -- "$BIN" grade --tolerance 0.1 samples/ --baseline "$TMP/higher.json" --json "$TMP/r3.json"
expect_grep "REGRESSION: 1 answer regressed (s01)" "$TMP/out" "the verdict names the answer"
expect_grep "Score down by more than 0.1" "$TMP/out" "the table of moved scores"
[ -s "$TMP/r3.json" ] && pass || fail "the reports are written on a regression"
python3 -c "import json,sys; json.load(open(sys.argv[1]))['answers'][11]" "$TMP/r3.json" && pass || fail "the report is complete"

# A new pitfall is a regression whatever the score.
python3 - "$TMP/base.json" "$TMP/nopit.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
hit = [a for a in r["answers"] if a["status"] == "graded" and a["checks"]["pitfalls"]["found"]][0]
hit["checks"]["pitfalls"]["found"] = []
print(hit["id"])
json.dump(r, open(sys.argv[2], "w"))
PY
expect_rc 3 "a pitfall found now but not in the baseline" -- "$BIN" grade --fail-under 0 samples/ --baseline "$TMP/nopit.json"
expect_grep "New pitfalls (1)" "$TMP/out" "new pitfalls listed"

# Input errors (exit 2) come before a regression.
mkdir -p "$TMP/mixed"; cp samples/s01-ledger-migration.md "$TMP/mixed/"; : >"$TMP/mixed/empty.md"
expect_rc 2 "input errors come before a regression" -- \
  "$BIN" grade -q --fail-under 0 --tolerance 0.1 "$TMP/mixed" --baseline "$TMP/higher.json"

# A bad baseline stops the run before anything is written.
expect_rc 66 "a missing baseline" -- "$BIN" grade samples/ --baseline "$TMP/nope.json" --json "$TMP/x.json"
expect_grep "nope.json" "$TMP/err" "the missing file is named"
[ -e "$TMP/x.json" ] && fail "no report when the baseline is missing" || pass
echo '{"tool": {"name": "other"}}' >"$TMP/bad.json"
expect_rc 2 "a baseline that is not a stargrade report" -- "$BIN" grade samples/ --baseline "$TMP/bad.json" --json "$TMP/x.json"
expect_grep "bad.json: not a stargrade JSON report" "$TMP/err" "says what is wrong with the file"
[ -e "$TMP/x.json" ] && fail "no report when the baseline is invalid" || pass
expect_rc 64 "a negative tolerance" -- "$BIN" grade samples/ --baseline "$TMP/base.json" --tolerance -1

# A repeatable option takes one value per use: the input after it stays an input.
expect_rc 1 "--exclude PATTERN then the input folder" -- "$BIN" grade -q --exclude 's1*' samples/ --json "$TMP/ex.json"
python3 -c "import json,sys; a=json.load(open(sys.argv[1]))['answers']; sys.exit(0 if len(a)==9 else 1)" "$TMP/ex.json" \
  && pass || fail "--exclude 's1*' leaves out s10, s11 and s12"

# Progress: forced on, a line redrawn on standard error and cleared at the end; off by default off a terminal.
"$BIN" grade -q --progress samples/ 2>"$TMP/prog.err" >/dev/null || true
grep -q "grading: 1 answer done" "$TMP/prog.err" && pass || fail "--progress shows the count from the first answer"
[ "$(tail -c 4 "$TMP/prog.err" | od -An -c | tr -d ' ')" = '\r033[K' ] && pass || fail "the progress line is cleared at the end"
"$BIN" grade -q samples/ 2>"$TMP/noprog.err" >/dev/null || true
[ -s "$TMP/noprog.err" ] && fail "no progress when standard error is not a terminal" || pass
"$BIN" grade -q --progress --no-progress samples/ 2>"$TMP/noprog2.err" >/dev/null || true
[ -s "$TMP/noprog2.err" ] && fail "--no-progress wins when last" || pass
finish
