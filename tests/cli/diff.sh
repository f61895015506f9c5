# `stargrade diff OLD.json NEW.json`: what a user sees when comparing two runs.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
log=tests/cli/data/trend

# expect_no_grep PATTERN FILE DESCRIPTION (fixed string)
expect_no_grep() {
  if grep -qF -- "$1" "$2"; then fail "$3: '$1' in $2"; sed 's/^/  | /' "$2" | head -20 >&2; else pass; fi
}

# score ID REPORT: the score of an answer in a JSON report.
score() {
  python3 -c "import json,sys; print([a for a in json.load(open(sys.argv[2]))['answers'] if a['id']==sys.argv[1]][0]['score'])" "$1" "$2"
}

"$BIN" grade --quiet --json "$TMP/a.json" samples/ || true

# Identical reports: nothing changed, exit 0.
expect_rc 0 "identical reports" -- "$BIN" diff "$TMP/a.json" "$TMP/a.json"
expect_grep "No regression" "$TMP/out" "identical reports: verdict"
expect_grep "12 matched: 0 down, 0 up, 0 newly failing, 0 newly passing, 0 with new pitfalls" "$TMP/out" "identical reports: summary"
expect_no_grep "Score down" "$TMP/out" "identical reports list no moves"

# A copy of samples/ where s01 no longer quantifies its result: its score drops.
cp -r samples "$TMP/s"
python3 - "$TMP/s/s01-ledger-migration.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s[:s.index("**Result:**")] + ("**Result:** I brought the program to cut-over ahead of the licence renewal, and "
     "finance was much happier with reconciliation afterwards. The dual-run diff tooling is now the standard "
     "pattern for other migrations.\n")
open(p, "w").write(s)
PY
"$BIN" grade --quiet --json "$TMP/b.json" "$TMP/s" || true
drop=$(python3 -c "print(round($(score s01 "$TMP/a.json") - $(score s01 "$TMP/b.json"), 1))")
python3 -c "import sys; sys.exit(0 if $drop > 5 else 1)" && pass || fail "dropping the metrics of s01 costs more than 5 points ($drop)"
expect_rc 3 "a score dropped by more than the tolerance" -- "$BIN" diff "$TMP/a.json" "$TMP/b.json"
expect_grep "Score down by more than 5 (1)" "$TMP/out" "the drop has its section"
grep -E "^  s01 +complex-program +[0-9.]+ +[0-9.]+ +-$drop\$" "$TMP/out" >/dev/null && pass ||
  { fail "s01 is listed with old, new and -$drop"; sed 's/^/  | /' "$TMP/out" >&2; }
expect_grep "REGRESSION: 1 answer regressed (s01)" "$TMP/out" "the verdict names the answer"

# Tolerance: a drop within it is no regression; just over it is.
over=$(python3 -c "import math; print(math.ceil($drop) + 1)")
under=$(python3 -c "import math; print(max(0, math.floor($drop) - 1))")
expect_rc 0 "a drop within --tolerance $over" -- "$BIN" diff --tolerance "$over" "$TMP/a.json" "$TMP/b.json"
expect_grep "No regression" "$TMP/out" "within the tolerance: verdict"
expect_rc 3 "a drop over --tolerance $under" -- "$BIN" diff --tolerance "$under" "$TMP/a.json" "$TMP/b.json"
expect_grep "Score down by more than $under (1)" "$TMP/out" "the section names the tolerance"
# The other way round, the same answer went up: an improvement, exit 0.
expect_rc 0 "a score that went up" -- "$BIN" diff "$TMP/b.json" "$TMP/a.json"
expect_grep "Score up by more than 5 (1)" "$TMP/out" "the rise has its section"
grep -E "^  s01 +complex-program +[0-9.]+ +[0-9.]+ +\+$drop\$" "$TMP/out" >/dev/null && pass ||
  fail "s01 is listed with +$drop"

# A practice answer rewritten badly under the same id: newly failing, new pitfalls.
mkdir -p "$TMP/p1" "$TMP/p2"
cp "$log/alex-chen/2024-04-01-complex-program.md" "$TMP/p1/answer.md"
# The front matter of the strong answer (id alex-05) over the body of the weak first attempt.
python3 - "$log/alex-chen/2024-04-01-complex-program.md" "$log/alex-chen/2024-02-05-complex-program.md" \
  >"$TMP/p2/answer.md" <<'PY'
import sys
strong, weak = (open(p).read().split("---\n", 2) for p in sys.argv[1:3])
sys.stdout.write("---\n" + strong[1] + "---\n" + weak[2])
PY
expect_grep "id: alex-05" "$TMP/p2/answer.md" "the rewritten answer keeps its id"
"$BIN" grade --quiet --json "$TMP/p1.json" "$TMP/p1" || true
"$BIN" grade --quiet --json "$TMP/p2.json" "$TMP/p2" || true
expect_rc 3 "a passing answer now failing" -- "$BIN" diff "$TMP/p1.json" "$TMP/p2.json"
expect_grep "Newly failing (1)" "$TMP/out" "newly failing section"
grep -E "^  alex-05 +complex-program +[0-9.]+ [a-z-]+ pass +[0-9.]+ [a-z-]+ FAIL\$" "$TMP/out" >/dev/null && pass ||
  { fail "alex-05: pass -> FAIL"; sed 's/^/  | /' "$TMP/out" >&2; }
expect_grep "New pitfalls (1)" "$TMP/out" "new pitfalls section"
grep -E "^  alex-05 +complex-program +.*we-not-i" "$TMP/out" >/dev/null && pass || fail "we-not-i is a new pitfall of alex-05"
expect_rc 0 "the fixed answer" -- "$BIN" diff "$TMP/p2.json" "$TMP/p1.json"
expect_grep "Newly passing (1)" "$TMP/out" "newly passing section"
expect_grep "Resolved pitfalls (1)" "$TMP/out" "resolved pitfalls section"

# JSON and Markdown formats, and -o.
expect_rc 3 "--format json" -- "$BIN" diff --format json "$TMP/p1.json" "$TMP/p2.json"
python3 - "$TMP/out" <<'PY' && pass || fail "the JSON diff lists alex-05 as regressed with its new pitfalls"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["changes"][0]
assert d["regression"] is True and d["tolerance"] == 5 and d["summary"]["regressed"] == 1, d["summary"]
assert c["id"] == "alex-05" and c["regressed"] and c["newly_failing"] and c["moved"] == "down", c
assert "we-not-i" in c["new_pitfalls"] and c["old"]["passed"] and not c["new"]["passed"], c
assert c["delta"] == round(c["new"]["score"] - c["old"]["score"], 1), c
PY
expect_rc 3 "--format markdown -o FILE" -- "$BIN" diff --format markdown -o "$TMP/diff.md" "$TMP/p1.json" "$TMP/p2.json"
[ ! -s "$TMP/out" ] && pass || fail "-o FILE leaves standard output empty"
expect_grep "### stargrade diff: regression (1 answer)" "$TMP/diff.md" "markdown title"
expect_grep '| ❌ `alex-05` | complex-program |' "$TMP/diff.md" "markdown row of the regressed answer"
expect_rc 74 "-o into a missing folder" -- "$BIN" diff -o "$TMP/no/such/dir/d.txt" "$TMP/a.json" "$TMP/a.json"
expect_grep "cannot write" "$TMP/err" "write error message"

# Answers added and removed; neither is a regression.
cp -r samples "$TMP/s2"
rm "$TMP/s2/s12-remote-question.md"
cp "$log/maya-okafor/2024-03-02-team-conflict.md" "$TMP/s2/s13-new.md"
"$BIN" grade --quiet --json "$TMP/c.json" "$TMP/s2" || true
expect_rc 0 "added and removed answers" -- "$BIN" diff "$TMP/a.json" "$TMP/c.json"
expect_grep "Added (1)" "$TMP/out" "added section"
grep -E "^  maya-01 +.*s13-new.md +team-conflict" "$TMP/out" >/dev/null && pass || fail "the added answer is listed"
expect_grep "Removed (1)" "$TMP/out" "removed section"
grep -E "^  s12 +samples/s12-remote-question.md" "$TMP/out" >/dev/null && pass || fail "the removed answer is listed"

# An id that repeats is matched by id and source, and shown with its source.
mkdir -p "$TMP/d1" "$TMP/d2"
cp "$log/alex-chen/2024-04-01-complex-program.md" "$TMP/d1/one.md"
cp "$log/alex-chen/2024-04-01-complex-program.md" "$TMP/d1/two.md"
cp "$TMP/d1/one.md" "$TMP/d2/one.md"
cp "$TMP/p2/answer.md" "$TMP/d2/two.md"
(cd "$TMP" && "$BIN" grade --quiet --json d1.json d1 || true)
(cd "$TMP" && "$BIN" grade --quiet --json d2.json d2 || true)
sed -i 's#"d2/#"d1/#' "$TMP/d2.json"   # the same files, graded again after an edit
expect_rc 3 "repeated ids matched by source" -- "$BIN" diff "$TMP/d1.json" "$TMP/d2.json"
expect_grep "REGRESSION: 1 answer regressed (alex-05 (d1/two.md))" "$TMP/out" "the repeated id is shown with its source"
expect_grep "2 matched" "$TMP/out" "both answers with the repeated id are matched"

# Reports that are missing or not stargrade reports.
expect_rc 66 "a missing report" -- "$BIN" diff "$TMP/a.json" "$TMP/nope.json"
expect_grep "nope.json: no such file" "$TMP/err" "the missing report is named"
head -c 300 "$TMP/a.json" >"$TMP/cut.json"
expect_rc 2 "a truncated report" -- "$BIN" diff "$TMP/cut.json" "$TMP/a.json"
expect_grep "$TMP/cut.json: not valid JSON: parse error at line" "$TMP/err" "bad JSON names the file and the place"
echo '{"tool": {"name": "stargrade"}, "summary": {}}' >"$TMP/noanswers.json"
expect_rc 2 "a report without answers" -- "$BIN" diff "$TMP/a.json" "$TMP/noanswers.json"
expect_grep "$TMP/noanswers.json: not a stargrade JSON report: answers: missing" "$TMP/err" "missing field named"
python3 - "$TMP/a.json" "$TMP/badscore.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["answers"][3]["score"] = "high"
json.dump(r, open(sys.argv[2], "w"))
PY
expect_rc 2 "a report with a bad field" -- "$BIN" diff "$TMP/badscore.json" "$TMP/a.json"
expect_grep "badscore.json: not a stargrade JSON report: answers[3].score: expected a number or null, found a string" \
  "$TMP/err" "bad field named with its place"
echo '{"name": "x"}' >"$TMP/package.json"
expect_rc 2 "some other JSON" -- "$BIN" diff "$TMP/package.json" "$TMP/a.json"
expect_grep "package.json: not a stargrade JSON report: tool: missing" "$TMP/err" "other JSON is named"

# Usage errors.
expect_rc 64 "one report only" -- "$BIN" diff "$TMP/a.json"
expect_rc 64 "a negative tolerance" -- "$BIN" diff --tolerance -1 "$TMP/a.json" "$TMP/a.json"
expect_rc 64 "an unknown format" -- "$BIN" diff --format xml "$TMP/a.json" "$TMP/a.json"

# Colours: never when piped or with NO_COLOR; --color always forces them.
"$BIN" diff "$TMP/p1.json" "$TMP/p2.json" >"$TMP/plain" || true
if grep -q $'\x1b\[' "$TMP/plain"; then fail "no colours when piped"; else pass; fi
NO_COLOR=1 "$BIN" diff "$TMP/p1.json" "$TMP/p2.json" >"$TMP/plain" || true
if grep -q $'\x1b\[' "$TMP/plain"; then fail "no colours with NO_COLOR"; else pass; fi
"$BIN" diff --color always "$TMP/p1.json" "$TMP/p2.json" >"$TMP/colored" || true
if grep -q $'\x1b\[31m' "$TMP/colored"; then pass; else fail "--color always colours regressions red"; fi

expect_rc 0 "diff --help" -- "$BIN" diff --help
expect_grep "Exit status: 0 no regression, 3" "$TMP/out" "help lists exit codes"
expect_grep "stargrade diff baseline.json report.json" "$TMP/out" "help has examples"
finish
