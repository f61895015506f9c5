# `stargrade explain FILE`: one answer with its findings marked in the text, and its exit codes.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
strong=samples/s01-ledger-migration.md
weak=samples/s09-gantt-first-plan.md
ESC=$(printf '\033')

# expect_no_grep PATTERN FILE DESCRIPTION (fixed string)
expect_no_grep() {
  if grep -qF -- "$1" "$2"; then fail "$3: '$1' in $2"; grep -nF -- "$1" "$2" | head -5 | sed 's/^/  | /' >&2; else pass; fi
}

# A strong answer: passes, STAR tags at the start of each labelled part, metrics marked, no pitfalls.
expect_rc 0 "strong answer passes" -- "$BIN" explain "$strong"
cp "$TMP/out" "$TMP/strong.txt"
expect_grep "Answer      s01 ($strong)" "$TMP/strong.txt" "header names the answer and its source"
expect_grep "Candidate   priya-raman" "$TMP/strong.txt" "header names the candidate"
expect_grep "Question    complex-program (declared): Tell me about" "$TMP/strong.txt" "header has the question and its text"
expect_grep "PASS (pass mark 60)" "$TMP/strong.txt" "header says pass"
expect_grep " 6 | [S] **Situation:**" "$TMP/strong.txt" "[S] at the situation line"
expect_grep " 8 | [T] **Task:**" "$TMP/strong.txt" "[T] at the task line"
expect_grep "10 | [A] **Action:**" "$TMP/strong.txt" "[A] at the action line"
expect_grep "12 | [R] **Result:**" "$TMP/strong.txt" "[R] at the result line"
expect_grep "[[metric: from 7 hours to 25 minutes]]" "$TMP/strong.txt" "metric marked in the text"
expect_grep "load-test at [[metric: 3x]] peak" "$TMP/strong.txt" "metric marked at its place"
expect_grep "Pitfalls: none found" "$TMP/strong.txt" "no pitfall entries"
grep -qE '^ *[0-9]+ \|.*\{\{pitfall' "$TMP/strong.txt" && fail "a pitfall marker in the strong answer's text" || pass
expect_no_grep "question: complex-program" "$TMP/strong.txt" "front matter is not shown"
expect_grep "Questions an interviewer would ask next:" "$TMP/strong.txt" "follow-up questions"
expect_grep "  - What trade-offs did you make" "$TMP/strong.txt" "the question's follow-ups"

# A pasted job posting: the rubric's cap holds the score down, with its evidence marked.
posting=tests/cli/data/caps/pasted-posting.md
expect_rc 1 "a pasted posting fails" -- "$BIN" explain "$posting"
cp "$TMP/out" "$TMP/posting.txt"
expect_grep "Strong no hire  FAIL" "$TMP/posting.txt" "the capped score is in the lowest band"
expect_grep "Capped      at 15 by pasted-job-posting (the checks gave " "$TMP/posting.txt" "the cap is named with the score it replaced"
expect_grep "This reads as a pasted job posting (\"About the role\")" "$TMP/posting.txt" "the cap's message quotes its first evidence"
expect_grep "{{cap pasted-job-posting: About the role}}" "$TMP/posting.txt" "the evidence is marked in the text"
"$BIN" grade --json "$TMP/posting.json" --csv "$TMP/posting.csv" --quiet "$posting" || true
python3 - "$TMP/posting.json" <<'PY' && pass || fail "the JSON report lists the cap and the score before it"
import json, sys
a = json.load(open(sys.argv[1]))["answers"][0]
assert a["score"] == min(a["uncapped_score"], 15.0) and a["score"] <= 15.0, (a["score"], a["uncapped_score"])
assert [c["id"] for c in a["caps"]] == ["pasted-job-posting"], a["caps"]
assert a["caps"][0]["max"] == 15 and len(a["caps"][0]["evidence"]) >= 4, a["caps"][0]
PY
expect_grep ",pasted-job-posting," "$TMP/posting.csv" "the CSV names the cap in capped_by"

# A weak answer: fails; every pitfall the grader found is in the output, marked at its evidence.
expect_rc 1 "weak answer fails" -- "$BIN" explain "$weak"
cp "$TMP/out" "$TMP/weak.txt"
expect_grep "FAIL (pass mark 60)" "$TMP/weak.txt" "header says fail"
expect_grep "STAR: does not apply to this question" "$TMP/weak.txt" "STAR n/a on a process question"
expect_grep "star n/a" "$TMP/weak.txt" "STAR score n/a in the header"
"$BIN" grade --json "$TMP/weak.json" --quiet "$weak" || true
python3 - "$TMP/weak.json" "$TMP/weak.txt" <<'PY' && pass || fail "every pitfall of the weak answer is explained"
import json, re, sys
a = json.load(open(sys.argv[1]))["answers"][0]
out = open(sys.argv[2], encoding="utf-8").read()
found = a["checks"]["pitfalls"]["found"]
problems = []
if not found:
    problems.append("the weak sample has no pitfalls")
for p in found:
    if f"  {p['id']} (-" not in out:
        problems.append(f"no entry for {p['id']}")
    if p.get("advice") and p["advice"] not in out:
        problems.append(f"no advice for {p['id']}")
    if p.get("follow_up") and "follow-up: " + p["follow_up"] not in out:
        problems.append(f"no follow-up for {p['id']}")
    if p["evidence"] and not re.search(r"\{\{[^:}]*pitfall " + re.escape(p["id"]) + r"\b", out):
        problems.append(f"no marker for {p['id']}")
for q in a["follow_ups"]:
    if "  - " + q not in out:
        problems.append(f"missing follow-up question {q!r}")
for e in a["checks"]["coverage"]["findings"]:
    if e["message"] not in out:
        problems.append(f"missing finding without a place {e['rule']}")
print("\n".join(problems), file=sys.stderr)
sys.exit(1 if problems else 0)
PY
expect_grep "{{pitfall timeline-first: Gantt}}" "$TMP/weak.txt" "pitfall marker around its evidence"
expect_grep "So {{pitfall filler-heavy; vague: basically}}" "$TMP/weak.txt" "shared evidence: one marker, both labels"
expect_grep "Findings without a place:" "$TMP/weak.txt" "unplaced findings listed"

# Colour: never in a pipe or with NO_COLOR; always with --color always.
expect_no_grep "$ESC" "$TMP/weak.txt" "no escape codes when stdout is not a terminal"
NO_COLOR=1 "$BIN" explain "$weak" >"$TMP/nocolor.txt" 2>&1 || true
expect_no_grep "$ESC" "$TMP/nocolor.txt" "no escape codes with NO_COLOR"
expect_rc 1 "--color always" -- "$BIN" explain --color always "$weak"
expect_grep "$ESC[" "$TMP/out" "--color always gives escape codes"
expect_no_grep "{{pitfall" "$TMP/out" "--color always has no plain markers"
NO_COLOR=1 "$BIN" explain --color always "$weak" >"$TMP/forced.txt" 2>&1 || true
expect_grep "$ESC[" "$TMP/forced.txt" "--color always wins over NO_COLOR"
expect_rc 1 "--color never" -- "$BIN" explain --color never "$weak"
expect_no_grep "$ESC" "$TMP/out" "--color never gives none"
if command -v script >/dev/null 2>&1; then
  # On a terminal (a pseudo-terminal from script(1)) auto means colour, unless NO_COLOR is set.
  script -qec "'$BIN' explain '$weak'" /dev/null >"$TMP/tty.txt" 2>&1 || true
  expect_grep "$ESC[" "$TMP/tty.txt" "colour on a terminal"
  script -qec "env NO_COLOR=1 '$BIN' explain '$weak'" /dev/null >"$TMP/tty-nocolor.txt" 2>&1 || true
  expect_grep "Pitfalls:" "$TMP/tty-nocolor.txt" "explain ran on a terminal"
  expect_no_grep "$ESC" "$TMP/tty-nocolor.txt" "no colour on a terminal with NO_COLOR"
fi

# --width wraps long lines under their line number.
expect_rc 0 "--width" -- "$BIN" explain --width 60 "$strong"
awk 'length($0) > 60 && /^ *[0-9]* \|/ { bad = 1 } END { exit bad }' "$TMP/out" && pass || fail "--width 60 keeps text rows within 60 columns"
expect_grep "   | " "$TMP/out" "wrapped rows continue under the gutter"

# Answers that cannot be graded exit 2 and name the file.
printf '' >"$TMP/empty.md"
expect_rc 2 "empty file" -- "$BIN" explain "$TMP/empty.md"
expect_grep "$TMP/empty.md: the answer is empty" "$TMP/err" "empty file is named"
expect_rc 2 "missing file" -- "$BIN" explain "$TMP/nope.md"
expect_grep "$TMP/nope.md: no such file or folder" "$TMP/err" "missing file is named"
printf 'Situation: fine\n\xff\xfe broken bytes\n' >"$TMP/bad-utf8.md"
expect_rc 2 "invalid UTF-8" -- "$BIN" explain "$TMP/bad-utf8.md"
expect_grep "$TMP/bad-utf8.md:2:1: invalid UTF-8" "$TMP/err" "invalid UTF-8 is located"
printf -- '---\nid: x\ncandidate: [unclosed\n---\nI led the thing.\n' >"$TMP/bad-front.md"
expect_rc 2 "bad front matter" -- "$BIN" explain "$TMP/bad-front.md"
expect_grep "$TMP/bad-front.md:" "$TMP/err" "bad front matter is located"

# An invalid rubric exits 65 with its problems; usage errors exit 64.
printf 'schema: 1\nid: x\n' >"$TMP/bad.yaml"
expect_rc 65 "invalid rubric" -- "$BIN" explain --rubric "$TMP/bad.yaml" "$strong"
expect_grep "$TMP/bad.yaml:" "$TMP/err" "rubric problems are located"
[ ! -s "$TMP/out" ] && pass || fail "nothing on stdout when the rubric is invalid"
expect_rc 64 "no file" -- "$BIN" explain
expect_rc 64 "two files" -- "$BIN" explain "$strong" "$weak"
expect_rc 64 "a folder" -- "$BIN" explain samples
expect_grep "one answer file" "$TMP/err" "a folder is refused with a reason"
expect_rc 64 "bad --color" -- "$BIN" explain --color sometimes "$strong"
expect_rc 64 "unknown --question" -- "$BIN" explain --question not-a-question "$strong"
expect_grep "not-a-question" "$TMP/err" "unknown --question names it"
expect_rc 0 "--question" -- "$BIN" explain --question complex-program "$strong"
expect_grep "complex-program (declared)" "$TMP/out" "--question is shown as declared"

# Help.
expect_rc 0 "explain --help" -- "$BIN" explain --help
expect_grep "Examples:" "$TMP/out" "explain help has examples"
expect_grep "stargrade explain samples/s09-gantt-first-plan.md" "$TMP/out" "explain help example"
expect_grep "Exit status" "$TMP/out" "explain help lists exit codes"
expect_grep "[[metric: TEXT]]" "$TMP/out" "explain help describes the markers"
expect_rc 0 "--help" -- "$BIN" --help
expect_grep "stargrade explain" "$TMP/out" "main help lists explain"
finish
