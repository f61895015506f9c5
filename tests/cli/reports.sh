# The Markdown and JSON Lines reports of the samples say what the JSON report
# of the same run says; --format writes them to standard output; the HTML
# report of a practice log draws a trend chart per candidate.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"

expect_rc 1 "grade samples with --markdown and --jsonl (some fail)" -- \
  "$BIN" grade --quiet samples/ --markdown "$TMP/r.md" --jsonl "$TMP/r.jsonl" --json "$TMP/r.json"

# Markdown: the counts, every failing answer under "Needs attention", one table row per answer.
python3 - "$TMP/r.md" "$TMP/r.json" <<'PY' && pass || fail "the Markdown summary matches the JSON report"
import json, re, sys
md = open(sys.argv[1], encoding="utf-8").read()
r = json.load(open(sys.argv[2]))
s = r["summary"]
problems = []
want = f"**{s['answers']} answers**: {s['graded']} graded · **{s['passed']} passed**, {s['failed']} failed"
if want not in md: problems.append(f"no line {want!r}")
attention = md.split("### Needs attention", 1)[1].split("\n### ", 1)[0]
for a in r["answers"]:
    listed = f"- **{a['id']}**" in attention
    if listed != (not a["passed"]): problems.append(f"{a['id']}: listed={listed}, passed={a['passed']}")
rows = md.split("### Answers", 1)[1]
ids = re.findall(r"^\| (\S+) \|", rows, re.M)
ids = [i for i in ids if i not in ("Id", "---")]
if sorted(ids) != sorted(a["id"] for a in r["answers"]): problems.append(f"answer rows {ids}")
if problems:
    print("\n".join(problems), file=sys.stderr); sys.exit(1)
PY
"$BIN" grade --quiet --format markdown samples/ >"$TMP/stdout.md" 2>/dev/null || true
strip_time() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z//' "$1"; }
cmp -s <(strip_time "$TMP/r.md") <(strip_time "$TMP/stdout.md") && pass || fail "--format markdown writes the same summary"

# JSON Lines: one line per answer, each the answer object of the JSON report.
python3 - "$TMP/r.jsonl" "$TMP/r.json" <<'PY' && pass || fail "each JSON line is the JSON report's answer"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
answers = json.load(open(sys.argv[2]))["answers"]
ok = len(lines) == len(answers) == 12 and all(json.loads(l) == a for l, a in zip(lines, answers))
sys.exit(0 if ok else 1)
PY
"$BIN" grade --quiet --format jsonl samples/ >"$TMP/stdout.jsonl" 2>/dev/null || true
cmp -s "$TMP/r.jsonl" "$TMP/stdout.jsonl" && pass || fail "--format jsonl writes the same lines"
expect_rc 64 "--format and a report both to standard output" -- "$BIN" grade --format jsonl --markdown - samples/

# HTML trends: one line chart per candidate with two or more dated answers.
log=tests/cli/data/trend
"$BIN" grade --quiet "$log" --html "$TMP/t.html" >/dev/null 2>&1 || true
"$BIN" trend --format csv "$log" >"$TMP/t.csv"
want=$(python3 -c "
import csv, sys, collections
n = collections.Counter(r['candidate'] for r in csv.DictReader(open(sys.argv[1])) if r['question'] == 'all')
print(sum(1 for c in n.values() if c >= 2))" "$TMP/t.csv")
got=$(grep -o '<polyline class="trend"' "$TMP/t.html" | wc -l)
[ "$want" -ge 1 ] && [ "$got" -eq "$want" ] && pass || fail "trend charts: $got, want $want"
for c in $(cut -d, -f1 "$TMP/t.csv" | tail -n +2 | sort -u); do
  expect_grep "<h3>$c" "$TMP/t.html" "a trend block for $c"
done
finish
