# `stargrade trend INPUT...`: a practice log over time, as a user sees it.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
log=tests/cli/data/trend

expect_no_grep() {
  if grep -qF -- "$1" "$2"; then fail "$3: '$1' in $2"; sed 's/^/  | /' "$2" | head -20 >&2; else pass; fi
}
# line_of PATTERN FILE: the line number of the first line matching the extended regex.
line_of() { grep -nE -- "$1" "$2" | head -1 | cut -d: -f1; }

expect_rc 0 "the practice log" -- "$BIN" trend "$log"
cp "$TMP/out" "$TMP/table"
expect_grep "alex-chen: 5 answers to 2 questions, 2024-02-05 to 2024-04-01" "$TMP/table" "alex's header"
expect_grep "maya-okafor: 4 answers to 2 questions, 2024-03-02 to 2024-04-06T18:30:00+02:00" "$TMP/table" "maya's header"
expect_grep "    date        id       score  change  STAR     metrics  pitfalls" "$TMP/table" "the table header"
# Each question's answers in date order, whatever the file order.
a1=$(line_of "^    2024-02-05 +alex-01 " "$TMP/table")
a3=$(line_of "^    2024-03-04 +alex-03 " "$TMP/table")
a5=$(line_of "^    2024-04-01 +alex-05 " "$TMP/table")
[ -n "$a1" ] && [ -n "$a3" ] && [ -n "$a5" ] && [ "$a1" -lt "$a3" ] && [ "$a3" -lt "$a5" ] && pass ||
  fail "alex's complex-program answers are in date order ($a1 $a3 $a5)"
grep -E "^    2024-04-01 +alex-05 +[0-9.]+ +\+[0-9.]+ +S T A R +[1-9][0-9]* +-\$" "$TMP/table" >/dev/null && pass ||
  fail "alex-05: a rise, all STAR parts, metrics, no pitfalls"
grep -E "^    2024-02-05 +alex-01 +[0-9.]+ +[ST-] [ST-] [AT-] [R-] +0 +.*we-not-i" "$TMP/table" >/dev/null && pass ||
  fail "alex-01: no metrics, we-not-i"
grep -E "^    first -> last: score [0-9.]+ -> [0-9.]+ \(\+[0-9.]+\), STAR [0-4]/4 -> 4/4, metrics 0 -> [1-9]" \
  "$TMP/table" >/dev/null && pass || fail "alex improved first -> last"
expect_grep "  all questions: score" "$TMP/table" "a line over all questions"
grep -E "^  resolved: .*we-not-i x2 \(last seen 2024-02-19\)" "$TMP/table" >/dev/null && pass ||
  fail "alex resolved we-not-i"
grep -E "^  recurring pitfalls: .*no-metrics x3 \(last seen 2024-04-06T18:30:00\+02:00\)" "$TMP/table" >/dev/null && pass ||
  fail "maya's recurring no-metrics, with its count and last date"
expect_no_grep "undated" "$TMP/table" "every answer of the log is dated"

# Filters.
expect_rc 0 "--candidate" -- "$BIN" trend --candidate maya-okafor "$log"
expect_no_grep "alex" "$TMP/out" "--candidate leaves the others out"
expect_grep "maya-okafor: 4 answers" "$TMP/out" "--candidate keeps the candidate"
expect_rc 0 "--question" -- "$BIN" trend --question team-conflict "$log"
expect_grep "maya-okafor: 2 answers to 1 question, 2024-03-02 to 2024-03-23" "$TMP/out" "--question keeps that question"
expect_no_grep "program-failure" "$TMP/out" "--question leaves other questions out"
expect_no_grep "alex-chen" "$TMP/out" "a candidate without that question is left out"
expect_rc 66 "an unknown candidate" -- "$BIN" trend --candidate maya-okafr "$log"
expect_grep "no graded answer matches --candidate 'maya-okafr' (did you mean 'maya-okafor'?); found: alex-chen, maya-okafor" \
  "$TMP/err" "the unknown candidate is named with a suggestion"

# CSV: one row per (candidate, question or all, date, id).
expect_rc 0 "--csv FILE" -- "$BIN" trend --csv "$TMP/trend.csv" "$log"
expect_grep "alex-chen: 5 answers" "$TMP/out" "the table still goes to standard output"
python3 - "$TMP/trend.csv" <<'PY' && pass || fail "the CSV rows and cells"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert open(sys.argv[1], newline="").readline() == \
    "candidate,question,date,id,source,score,delta,star_parts,star,metrics,pitfalls\r\n"
assert len(rows) == 18, len(rows)              # 9 answers, each in its question's series and in "all"
cp = [r for r in rows if r["candidate"] == "alex-chen" and r["question"] == "complex-program"]
assert [r["id"] for r in cp] == ["alex-01", "alex-03", "alex-05"], cp
assert [r["date"] for r in cp] == ["2024-02-05", "2024-03-04", "2024-04-01"]
assert cp[0]["delta"] == "", cp[0]
series = {}
for r in rows:
    series.setdefault((r["candidate"], r["question"]), []).append(r)
assert len(series) == 6, sorted(series)
falls = 0
for rs in series.values():
    assert rs[0]["delta"] == "", rs[0]
    for prev, cur in zip(rs, rs[1:]):
        d = float(cur["score"]) - float(prev["score"])
        falls += d < 0
        assert cur["delta"] == "%.1f" % d, cur       # a number, negative ones too
assert falls >= 1
assert cp[2]["star"] == "STAR" and cp[2]["star_parts"] == "4" and cp[2]["pitfalls"] == "", cp[2]
assert "we-not-i" in cp[0]["pitfalls"].split(";") and cp[0]["metrics"] == "0", cp[0]
alls = [r for r in rows if r["candidate"] == "alex-chen" and r["question"] == "all"]
assert [r["id"] for r in alls] == ["alex-01", "alex-02", "alex-03", "alex-04", "alex-05"], alls
assert alls[1]["delta"] == "%.1f" % (float(alls[1]["score"]) - float(alls[0]["score"]))
m4 = [r for r in rows if r["id"] == "maya-04" and r["question"] == "all"][0]
assert m4["date"] == "2024-04-06T18:30:00+02:00" and "no-metrics" in m4["pitfalls"], m4
assert m4["source"].endswith("maya-okafor/2024-04-06-program-failure.md"), m4
PY
expect_rc 0 "--format csv" -- "$BIN" trend --format csv "$log"
cmp -s "$TMP/out" "$TMP/trend.csv" && pass || fail "--format csv prints the same CSV as --csv FILE"
expect_rc 74 "--csv into a missing folder" -- "$BIN" trend --csv "$TMP/no/dir/t.csv" "$log"
expect_grep "cannot write" "$TMP/err" "write error message"

# JSON reports read back give the same trend as the answers graded now.
"$BIN" grade --quiet --json "$TMP/log.json" "$log" || true
expect_rc 0 "a JSON report" -- "$BIN" trend "$TMP/log.json"
cmp -s "$TMP/out" "$TMP/table" && pass || { fail "the report gives the same table"; diff "$TMP/table" "$TMP/out" | head >&2; }
# The same answers given twice are counted once.
expect_rc 0 "a report and its answers" -- "$BIN" trend "$TMP/log.json" "$log"
expect_grep "alex-chen: 5 answers" "$TMP/out" "duplicates are counted once"
expect_grep "warning: alex-01 ($log/alex-chen/2024-02-05-complex-program.md) is given more than once" "$TMP/err" \
  "duplicates are named"

# Malformed and missing dates: a warning, then undated (listed first, flagged).
cp -r "$log" "$TMP/log"
sed -i 's/^date: 2024-04-01$/date: April 1st/' "$TMP/log/alex-chen/2024-04-01-complex-program.md"
sed -i '/^date: /d' "$TMP/log/alex-chen/2024-03-04-complex-program.md"
expect_rc 0 "a malformed date" -- "$BIN" trend --candidate alex-chen "$TMP/log"
expect_grep "stargrade: warning: alex-05 ($TMP/log/alex-chen/2024-04-01-complex-program.md): date 'April 1st' is not YYYY-MM-DD or ISO 8601; treated as undated" \
  "$TMP/err" "the malformed date is named with its answer"
expect_grep "alex-chen: 5 answers to 2 questions, 2024-02-05 to 2024-03-18, 2 undated" "$TMP/out" "undated answers counted"
u3=$(line_of "^    undated +alex-03 " "$TMP/out")
u5=$(line_of "^    undated +alex-05 " "$TMP/out")
d1=$(line_of "^    2024-02-05 +alex-01 " "$TMP/out")
[ -n "$u3" ] && [ -n "$u5" ] && [ -n "$d1" ] && [ "$u3" -lt "$u5" ] && [ "$u5" -lt "$d1" ] && pass ||
  fail "undated answers come first, by source ($u3 $u5 $d1)"
expect_grep "undated answers come first, in source order" "$TMP/out" "undated answers are explained"

# Inputs that cannot be used.
head -c 200 "$TMP/log.json" >"$TMP/cut.json"
expect_rc 2 "a malformed report among good inputs" -- "$BIN" trend "$TMP/cut.json" "$log"
expect_grep "$TMP/cut.json: not valid JSON: parse error" "$TMP/err" "the malformed report is named"
expect_grep "alex-chen: 5 answers" "$TMP/out" "the other inputs are still shown"
expect_rc 2 "only a malformed report" -- "$BIN" trend "$TMP/cut.json"
printf '' >"$TMP/log/empty.md"
expect_rc 2 "an answer that cannot be graded" -- "$BIN" trend "$TMP/log"
expect_grep "empty.md" "$TMP/err" "the ungradable answer is named"
expect_rc 66 "a missing input" -- "$BIN" trend "$TMP/nope.json"
expect_grep "nope.json: no such file" "$TMP/err" "the missing report is named"
mkdir -p "$TMP/none"
expect_rc 66 "a folder with no answers" -- "$BIN" trend "$TMP/none"
expect_grep "no input found" "$TMP/err" "no input message"
expect_rc 64 "no input" -- "$BIN" trend
expect_rc 64 "an unknown format" -- "$BIN" trend --format html "$log"

# Colours only on request here (standard output is not a terminal), never with NO_COLOR in auto.
if grep -q $'\x1b\[' "$TMP/table"; then fail "no colours when piped"; else pass; fi
NO_COLOR=1 "$BIN" trend --color auto "$log" >"$TMP/plain" 2>/dev/null
if grep -q $'\x1b\[' "$TMP/plain"; then fail "no colours with NO_COLOR"; else pass; fi
"$BIN" trend --color always "$log" >"$TMP/colored" 2>/dev/null
if grep -q $'\x1b\[32m' "$TMP/colored"; then pass; else fail "--color always colours improvements green"; fi

expect_rc 0 "trend --help" -- "$BIN" trend --help
expect_grep "Exit status: 0 done" "$TMP/out" "help lists exit codes"
expect_grep "stargrade trend practice/" "$TMP/out" "help has examples"
finish
