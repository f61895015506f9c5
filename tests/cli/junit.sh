# The JUnit XML report: valid against tests/cli/data/junit/junit.xsd (xmllint),
# counts that add up, a <failure> for each answer under the pass mark and an
# <error> for each one that could not be graded, everything escaped.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
XSD="$REPO/tests/cli/data/junit/junit.xsd"

if ! command -v xmllint >/dev/null 2>&1; then
  echo "junit: xmllint not found; skipped (scripts/setup.sh installs libxml2-utils)" >&2
  exit 77
fi

valid() {
  if xmllint --noout --schema "$XSD" "$1" 2>"$TMP/xmllint.err"; then pass
  else fail "$2: not valid against junit.xsd"; sed 's/^/  | /' "$TMP/xmllint.err" | head -10 >&2; fi
}

# check_report JUNIT JSON: the JUnit report says what the JSON report of the same run says.
check_report() {
  python3 - "$1" "$2" "${3:-60}" <<'PY'
import json, sys, xml.etree.ElementTree as ET
from decimal import Decimal
root = ET.parse(sys.argv[1]).getroot()
report = json.load(open(sys.argv[2]))
pass_mark = sys.argv[3]
answers = {a["id"]: a for a in report["answers"]}
problems = []
def need(cond, what):
    if not cond: problems.append(what)

assert root.tag == "testsuites"
suites = root.findall("testsuite")
total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
time_sum = Decimal(0)
seen = []
for s in suites:
    cases = s.findall("testcase")
    n = {"tests": len(cases),
         "failures": sum(1 for c in cases if c.find("failure") is not None),
         "errors": sum(1 for c in cases if c.find("error") is not None),
         "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
    for k, v in n.items():
        need(int(s.get(k)) == v, f"suite {s.get('name')}: {k}={s.get(k)}, has {v}")
        total[k] += v
    need(Decimal(s.get("time")) == sum((Decimal(c.get("time")) for c in cases), Decimal(0)),
         f"suite {s.get('name')}: time is not the sum of its testcases")
    time_sum += Decimal(s.get("time"))
    for c in cases:
        a = answers.get(c.get("name"))
        need(a is not None, f"testcase {c.get('name')} is not an answer of the JSON report")
        if a is None: continue
        seen.append(a["id"])
        need(c.get("classname") == "stargrade." + s.get("name"), f"{a['id']}: classname {c.get('classname')}")
        need(c.get("file") == a["source"], f"{a['id']}: file {c.get('file')} != {a['source']}")
        if a["status"] == "error":
            need(s.get("name") == "errors", f"{a['id']}: an error outside the errors suite")
            e = c.find("error")
            need(e is not None and e.get("type") == "ungradable" and e.get("message") == a["error"], f"{a['id']}: <error>")
            continue
        need(s.get("name") == (a["question"] or "unknown"), f"{a['id']}: in suite {s.get('name')}")
        props = {p.get("name"): p.get("value") for p in c.findall("properties/property")}
        need(props.get("score") == f"{a['score']:.1f}", f"{a['id']}: score property {props.get('score')}")
        need(props.get("band") == a["band"], f"{a['id']}: band property")
        f = c.find("failure")
        if a["passed"]:
            need(f is None, f"{a['id']} passed but has a <failure>")
        else:
            need(f is not None, f"{a['id']} failed but has no <failure>")
            if f is not None:
                import math
                want = f"score {math.floor(a['score'] * 10) / 10:.1f} < {pass_mark} (band {a['band']})"
                need(f.get("message") == want, f"{a['id']}: message {f.get('message')!r}, want {want!r}")
                need(f.get("type") == "below-pass-mark", f"{a['id']}: failure type")
                for chk in a["checks"].values():
                    for fd in chk["findings"]:
                        need(fd["rule"] in (f.text or ""), f"{a['id']}: finding {fd['rule']} not in the failure text")
for k, v in total.items():
    need(int(root.get(k)) == v, f"testsuites {k}={root.get(k)}, suites add up to {v}")
need(Decimal(root.get("time")) == time_sum, "testsuites time is not the sum of the suites")
need(sorted(seen) == sorted(answers), "every answer is one testcase")
s = report["summary"]
need(total["tests"] == s["answers"] and total["failures"] == s["failed"] and total["errors"] == s["errors"],
     f"counts {total} do not match the JSON summary {s}")
names = [x.get("name") for x in suites]
need(len(names) == len(set(names)), "suite names are unique")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
PY
}

# The samples: six fail at the rubric's pass mark.
expect_rc 1 "grade samples with --junit (some fail)" -- "$BIN" grade --quiet samples/ --junit "$TMP/j.xml" --json "$TMP/r.json"
valid "$TMP/j.xml" "samples"
check_report "$TMP/j.xml" "$TMP/r.json" && pass || fail "samples: the JUnit report matches the JSON report"
expect_grep '<testsuites name="stargrade" tests="12"' "$TMP/j.xml" "twelve testcases"
expect_grep '<testsuite name="complex-program"' "$TMP/j.xml" "a suite per question"
expect_grep 'type="below-pass-mark"' "$TMP/j.xml" "failures"

# Each testcase's time is the time spent grading it: not all zero.
python3 - "$TMP/j.xml" <<'PY' && pass || fail "testcases carry their grading times"
import sys, xml.etree.ElementTree as ET
times = [float(c.get("time")) for c in ET.parse(sys.argv[1]).getroot().iter("testcase")]
sys.exit(0 if len(times) == 12 and sum(times) > 0 and all(t >= 0 for t in times) else 1)
PY
# The pass mark decides what fails.
expect_rc 0 "--fail-under 0" -- "$BIN" grade --quiet --fail-under 0 samples/ --junit "$TMP/j0.xml" --json "$TMP/r0.json"
valid "$TMP/j0.xml" "--fail-under 0"
expect_grep 'failures="0" errors="0"' "$TMP/j0.xml" "nothing fails at 0"
check_report "$TMP/j0.xml" "$TMP/r0.json" 0 && pass || fail "--fail-under 0 matches the JSON report"
"$BIN" grade --quiet --fail-under 100 samples/ --junit "$TMP/j100.xml" --json "$TMP/r100.json" >/dev/null 2>&1 || true
valid "$TMP/j100.xml" "--fail-under 100"
check_report "$TMP/j100.xml" "$TMP/r100.json" 100 && pass || fail "--fail-under 100 matches the JSON report"
expect_grep '<testsuites name="stargrade" tests="12" failures="12"' "$TMP/j100.xml" "everything fails at 100"

# Answers that cannot be graded are <error>s in the "errors" suite; the exit status says so.
mkdir -p "$TMP/mixed"
cp samples/s01-ledger-migration.md samples/s09-gantt-first-plan.md "$TMP/mixed/"
printf '' >"$TMP/mixed/empty.md"
printf 'caf\xe9 in Latin-1\n' >"$TMP/mixed/latin1.md"
expect_rc 2 "some inputs cannot be graded" -- "$BIN" grade --quiet "$TMP/mixed" "$TMP/nope.md" --junit "$TMP/je.xml" --json "$TMP/re.json"
valid "$TMP/je.xml" "errors"
check_report "$TMP/je.xml" "$TMP/re.json" && pass || fail "errors: the JUnit report matches the JSON report"
expect_grep '<testsuite name="errors" tests="3" failures="0" errors="3"' "$TMP/je.xml" "three errors in one suite"
expect_grep 'type="ungradable"' "$TMP/je.xml" "error type"

# Everything is escaped, and characters XML does not allow are replaced.
mkdir -p "$TMP/esc"
cat >"$TMP/esc/a&b<c>.md" <<'EOF'
---
id: "x<&>\"y'z"
candidate: "<b>eve</b> & co"
question: why-tpm
---
I want to be a TPM because basically "stuff" & <things> happen.
EOF
printf -- '---\nid: ctl\nquestion: why-tpm\n---\nI basically like it \001 \033[31m a lot.\n' >"$TMP/esc/ctl.md"
"$BIN" grade --quiet "$TMP/esc" --junit "$TMP/jx.xml" --json "$TMP/rx.json" >/dev/null 2>&1 || true
valid "$TMP/jx.xml" "escaping"
check_report "$TMP/jx.xml" "$TMP/rx.json" && pass || fail "escaping: the JUnit report matches the JSON report"
expect_grep 'name="x&lt;&amp;&gt;&quot;y&#39;z"' "$TMP/jx.xml" "the id is escaped"
expect_grep 'a&amp;b&lt;c&gt;.md"' "$TMP/jx.xml" "the file name is escaped"
if LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037]')" "$TMP/jx.xml"; then fail "no control characters"; else pass; fi

# --format junit writes the same report to standard output (times differ).
"$BIN" grade --quiet --format junit samples/ >"$TMP/stdout.xml" 2>/dev/null || true
valid "$TMP/stdout.xml" "--format junit"
strip() { sed -E 's/ (time|timestamp)="[^"]*"//g' "$1"; }
cmp -s <(strip "$TMP/j.xml") <(strip "$TMP/stdout.xml") && pass || fail "--format junit is the same report"
finish
