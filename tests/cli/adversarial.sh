# Guards the grading where length does not follow quality: grades two
# batteries of answers we wrote and graded (long fluent empty answers, short
# dense strong ones, long strong and medium mixed ones) with the default
# rubric, and fails when agreement with our grades drops below a floor, or
# when score starts to follow length within a grade again.
# - tests/cli/data/adversarial is never used to calibrate, so it measures how
#   the rubric generalises;
# - tests/cli/data/battery2 (written later, by a session that never saw the
#   rubric or ran the grader) is one of the sets scripts/calibrate-default.sh
#   fits on;
# - tests/cli/data/battery3 (written blind the same way, 2026-12-08) is not
#   fitted on, so like the first it measures how the rubric generalises.
source "$(dirname "$0")/lib.sh" "$1" "$2"
# battery NAME SPEARMAN_FLOOR QWK_FLOOR LONG_WEAK_MAX SHORT_STRONG_MIN [LONG_WEAK_MEAN SHORT_STRONG_MEAN]
# (long weak: grade 1-2, 350 words or more; short strong: grade 4-5, 200 words or fewer)
battery() {
  local data="$REPO/tests/cli/data/$1"
  "$BIN" grade --rubric "$REPO/rubrics/tpm.yaml" --quiet --json "$TMP/$1.json" "$data" || true
  STATS_DIR="$REPO/tests/cli" python3 - "$TMP/$1.json" "$data/labels.yaml" "$1" "$2" "$3" "$4" "$5" "${6:-35}" "${7:-75}" <<'PY' && pass || fail "agreement on the $1 battery dropped below a floor"
import json, os, sys, yaml
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.environ["STATS_DIR"])
from stats import qwk_fifths, spearman

answers = {a["id"]: a for a in json.load(open(sys.argv[1]))["answers"]}
labels = yaml.safe_load(open(sys.argv[2]))
ok = True
missing = [l["id"] for l in labels if l["id"] not in answers or answers[l["id"]]["status"] != "graded"]
if missing:
    print(f"  not graded: {missing}", file=sys.stderr)
    sys.exit(1)
grades = [l["grade"] for l in labels]
scores = [answers[l["id"]]["score"] for l in labels]
words = [answers[l["id"]]["words"] for l in labels]

sp, kappa = spearman(grades, scores), qwk_fifths(grades, scores)
# within each grade, score should not follow length (weighted by answers)
within, n = 0.0, 0
for g in sorted(set(grades)):
    idx = [i for i, x in enumerate(grades) if x == g]
    if len(idx) >= 4:
        within += len(idx) * spearman([scores[i] for i in idx], [words[i] for i in idx])
        n += len(idx)
within = within / n if n else 0.0
long_weak = [s for s, g, w in zip(scores, grades, words) if g <= 2 and w >= 350]
short_strong = [s for s, g, w in zip(scores, grades, words) if g >= 4 and w <= 200]
name = sys.argv[3]
sp_floor, qwk_floor, weak_max, strong_min, weak_mean, strong_mean = (float(x) for x in sys.argv[4:10])
print(f"  {name} battery: spearman {sp:.3f}, qwk {kappa:.3f}, within-grade spearman(score, words) {within:+.2f}, "
      f"long weak answers mean {sum(long_weak) / len(long_weak):.1f}, short strong mean {sum(short_strong) / len(short_strong):.1f}")
for figure, value, floor in [("spearman", sp, sp_floor), ("qwk", kappa, qwk_floor)]:
    if value < floor:
        print(f"  {figure} = {value:.3f} is below its floor {floor}", file=sys.stderr)
        ok = False
if within > 0.35:
    print(f"  within-grade spearman(score, words) = {within:+.2f} is above +0.35", file=sys.stderr)
    ok = False
if max(long_weak) >= weak_max or sum(long_weak) / len(long_weak) >= weak_mean:
    print(f"  long weak answers score too high: {sorted(long_weak)}", file=sys.stderr)
    ok = False
if min(short_strong) < strong_min or sum(short_strong) / len(short_strong) < strong_mean:
    print(f"  short strong answers score too low: {sorted(short_strong)}", file=sys.stderr)
    ok = False
sys.exit(0 if ok else 1)
PY
}

battery adversarial 0.82 0.85 50 55
battery battery2 0.76 0.72 55 50
battery battery3 0.80 0.76 58 36 30 65
finish
