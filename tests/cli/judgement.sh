# The grader judges content, not length: for every pair of answers to the same
# question in data/judgement/, the short, dense, specific answer (NN-*-dense.md,
# 90-170 words) must beat the long answer full of buzzwords (NN-*-fluff.md,
# 350-650 words) by a clear margin, pass, and out-score it on specificity; the
# fluff must fail. Over the whole battery, score must not rise with length.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
DATA=tests/cli/data/judgement
MARGIN=15

rc=0
"$BIN" grade --jobs 2 --json "$TMP/report.json" "$DATA" >"$TMP/out" 2>"$TMP/err" || rc=$?
# 1 (some answer failed) is expected: the fluff answers must fail.
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  fail "grading $DATA: exit $rc, want 0 or 1"; sed 's/^/  | /' "$TMP/err" | head -20 >&2
  finish; exit
fi
pass

# The python block prints one "PASS"/"FAIL" line per assertion; the shell turns
# them into pass/fail so the counts of finish are right.
STATS_DIR="$REPO/tests/cli" python3 - "$TMP/report.json" "$DATA" "$MARGIN" >"$TMP/results" 2>"$TMP/pyerr" <<'PY' || true
import json, os, re, sys
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.environ["STATS_DIR"])
from stats import spearman

report_path, data, margin = sys.argv[1], sys.argv[2], float(sys.argv[3])
r = json.load(open(report_path))
pass_mark = r.get("pass_mark")

def result(ok, what):
    print(("PASS " if ok else "FAIL ") + what)

result(pass_mark is not None, "the report has a pass_mark")
if pass_mark is None:
    pass_mark = 60

def words(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"\A---\n.*?\n---\n", text, re.S)
    if m:
        text = text[m.end():]
    return len(text.split())

def front_question(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"^question:\s*(\S+)", text, re.M)
    return m.group(1) if m else None

by_file = {}
for a in r["answers"]:
    by_file[os.path.basename(a.get("source") or "")] = a

def spec(a):
    return ((a.get("checks") or {}).get("specificity") or {}).get("score")

def pitfalls(a):
    found = ((a.get("checks") or {}).get("pitfalls") or {}).get("found") or []
    return [p.get("id") for p in found]

files = sorted(f for f in os.listdir(data) if f.endswith(".md"))
pairs = sorted({m.group(1) for f in files for m in [re.match(r"(\d\d-.+)-(?:dense|fluff)\.md$", f)] if m})
questions = set()

fmt = "{:<26} {:>5} {:>4} {:>6} {:<14} | {:>5} {:>4} {:>6} {:<14} {}"
print("INFO " + fmt.format("pair", "dense", "wds", "spec", "band", "fluff", "wds", "spec", "band", "fluff pitfalls"))
points = []  # (words, score) over every graded answer of the battery
for key in pairs:
    df, ff = key + "-dense.md", key + "-fluff.md"
    d, f = by_file.get(df), by_file.get(ff)
    if d is None or f is None or d.get("status") != "graded" or f.get("status") != "graded":
        result(False, f"{key}: both answers graded (dense: {d and d.get('error')}, fluff: {f and f.get('error')})")
        continue
    dw, fw = words(os.path.join(data, df)), words(os.path.join(data, ff))
    result(90 <= dw <= 170, f"{key}: dense answer has 90-170 words ({dw})")
    result(350 <= fw <= 650, f"{key}: fluff answer has 350-650 words ({fw})")
    qd, qf = front_question(os.path.join(data, df)), front_question(os.path.join(data, ff))
    result(qd is not None and qd == qf == d.get("question") == f.get("question"),
           f"{key}: both answers are graded as the same question ({d.get('question')}, {f.get('question')})")
    questions.add(qd)
    ds, fs = d["score"], f["score"]
    dsp, fsp = spec(d), spec(f)
    points += [(dw, ds), (fw, fs)]
    print("INFO " + fmt.format(key, ds, dw, dsp, d.get("band"), fs, fw, fsp, f.get("band"),
                               ",".join(pitfalls(f)) or "-"))
    result(ds > fs + margin, f"{key}: dense {ds} > fluff {fs} + {margin:g}")
    result(ds >= pass_mark, f"{key}: dense passes ({ds} >= {pass_mark}; pitfalls: {','.join(pitfalls(d)) or '-'})")
    result(fs < pass_mark, f"{key}: fluff fails ({fs} < {pass_mark})")
    result(dsp is not None and fsp is not None and fsp < dsp,
           f"{key}: fluff specificity {fsp} < dense specificity {dsp}")

result(len(pairs) >= 10, f"the battery has at least 10 pairs ({len(pairs)})")
result(len(questions) >= 7, f"the pairs cover at least 7 questions ({len(questions)})")

# Other answers of the battery (21-mid-length-mixed.md: a decent answer that
# blames the partner team) count in the correlation and must show their pitfall.
mixed = by_file.get("21-mid-length-mixed.md")
if mixed is not None and mixed.get("status") == "graded":
    mw = words(os.path.join(data, "21-mid-length-mixed.md"))
    points.append((mw, mixed["score"]))
    print(f"INFO 21-mid-length-mixed: {mixed['score']} {mixed.get('band')} ({mw} words), "
          f"pitfalls {','.join(pitfalls(mixed)) or '-'}")
    result("blames-team" in pitfalls(mixed), "21-mid-length-mixed: blames-team is found")
    same = [by_file.get(k + "-dense.md") for k in pairs
            if (by_file.get(k + "-dense.md") or {}).get("question") == mixed.get("question")]
    for d in same:
        if d is not None and d.get("score") is not None:
            result(mixed["score"] < d["score"],
                   f"21-mid-length-mixed {mixed['score']} (blames the partner team) < {d['id']} {d['score']}")

rho = spearman([p[0] for p in points], [p[1] for p in points]) if len(points) >= 3 else 0.0
print(f"INFO Spearman rho(score, words) over {len(points)} answers: {rho:.3f}")
result(rho < 0, f"score does not rise with length: Spearman rho {rho:.3f} < 0")
PY

if [ -s "$TMP/pyerr" ]; then
  fail "the check script failed"; sed 's/^/  | /' "$TMP/pyerr" | head -20 >&2
fi
while IFS= read -r line; do
  case $line in
    "PASS "*) pass ;;
    "FAIL "*) fail "${line#FAIL }" ;;
    "INFO "*) echo "${line#INFO }" ;;
  esac
done <"$TMP/results"
finish
