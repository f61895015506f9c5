# Guards the grading's agreement with people: grades ../shared/eval/dev with the
# default rubric, runs score.py, and fails when a figure drops below its floor
# (a little under what the grader reaches now). Skipped (77) without the set.
source "$(dirname "$0")/lib.sh" "$1" "$2"
dev="$REPO/../shared/eval/dev"
if [ ! -f "$dev/labels.yaml" ] || [ ! -f "$REPO/../shared/eval/score.py" ]; then
  echo "skipped: no labeled set at $dev"; exit 77
fi
"$BIN" grade --rubric "$REPO/rubrics/tpm.yaml" --quiet --json "$TMP/dev.json" "$dev/answers" || true
python3 "$REPO/../shared/eval/score.py" "$TMP/dev.json" "$dev/labels.yaml" --json >"$TMP/fig.json"
python3 "$REPO/../shared/eval/score.py" "$TMP/dev.json" "$dev/labels.yaml" --per-pitfall >"$TMP/per.txt"
tail -1 "$TMP/per.txt"
python3 - "$TMP/fig.json" "$TMP/per.txt" <<'PY' && pass || fail "agreement dropped below a floor"
import json, sys
fig = json.load(open(sys.argv[1]))
floors = {
    "spearman_grade": 0.89, "qwk_grade": 0.88, "pairwise_accuracy": 0.92,
    "question_detect_accuracy": 0.95, "star_accuracy": 0.90, "metrics_f1": 0.93,
    "specificity_spearman": 0.72, "pitfall_f1": 0.85,
}
ok = fig.get("missing", 1) == 0
if not ok:
    print("  some labeled answers are missing from the report", file=sys.stderr)
for k, floor in floors.items():
    v = fig.get(k)
    if v is None or v < floor:
        print(f"  {k} = {v} is below its floor {floor}", file=sys.stderr)
        ok = False
# no pitfall the labels use may go undetected everywhere
rows = [l.split() for l in open(sys.argv[2]) if len(l.split()) == 4 and l.split()[1].isdigit()]
for pid, tp, fp, fn in rows:
    if int(tp) == 0 and int(fn) > 0:
        print(f"  pitfall {pid} has recall 0 ({fn} missed)", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
finish
