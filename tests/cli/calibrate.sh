# `stargrade calibrate` on our own labeled battery: figures before, after and
# cross-validated; an overlay the rubric can use; located errors for bad labels.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
data=tests/cli/data/judgement
expect_rc 0 "calibrate" -- "$BIN" calibrate --rubric rubrics/tpm.yaml --labels $data/labels.yaml --folds 3 -o "$TMP/cal.yaml" $data
for text in "3-fold CV" "spearman" "qwk (even slices)" "pairwise" "weight specificity" "penalty_scale" "wrote $TMP/cal.yaml"; do
  expect_grep "$text" "$TMP/out" "calibrate output"
done
labeled=$(grep -c '^- ' $data/labels.yaml)
expect_grep "on $labeled labeled answers" "$TMP/out" "every labeled answer is used"
python3 - "$TMP/cal.yaml" <<'PY' && pass || fail "the overlay has weights, penalty_scale, five bands and the figures"
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
ok = set(c["weights"]) == {"specificity", "star", "metrics", "pitfalls", "coverage"}
ok &= abs(sum(c["weights"].values()) - 100) < 1 and c["penalty_scale"] >= 0
ok &= [b["id"] for b in c["bands"]] == ["strong-hire", "hire", "mixed", "no-hire", "strong-no-hire"]
ok &= c["bands"][-1]["min"] == 0 and all(a["min"] > b["min"] for a, b in zip(c["bands"], c["bands"][1:]))
ok &= all(k in c["fitted"]["cross_validated"] for k in ("spearman", "qwk_even", "pairwise"))
sys.exit(0 if ok else 1)
PY
# A rubric that points at the overlay grades with it.
cp rubrics/tpm.yaml "$TMP/tpm.yaml"
sed -i "s|^calibration: .*|calibration: cal.yaml|" "$TMP/tpm.yaml"
expect_rc 0 "check a rubric with the new overlay" -- "$BIN" check "$TMP/tpm.yaml"
expect_rc 0 "grade with the new overlay" -- "$BIN" grade --rubric "$TMP/tpm.yaml" --fail-under 0 --quiet samples/s01-ledger-migration.md
# Bad labels: located errors, exit 65; too few labeled answers: 66.
# Two folders, one answer without front matter: it is known by its path under
# the common root ("one/01-..."), and its label "01-..." still finds it.
mkdir -p "$TMP/two/one" "$TMP/two/other"
cp $data/*.md "$TMP/two/one/"
first=$(ls $data/*.md | head -1); first=$(basename "$first" .md)
awk 'BEGIN{n=0} n<2 && /^---$/ {n++; next} n>=2' $data/$first.md >"$TMP/two/one/$first.md"
head -1 "$TMP/two/one/$first.md" | grep -q '^---$' && fail "front matter not stripped from $first.md"
cp samples/s01-ledger-migration.md "$TMP/two/other/"
expect_rc 0 "calibrate over two folders" -- "$BIN" calibrate --rubric rubrics/tpm.yaml --labels $data/labels.yaml --folds 3 \
  -o "$TMP/cal2.yaml" "$TMP/two/one" "$TMP/two/other"
expect_grep "on $labeled labeled answers" "$TMP/out" "an answer without an id is matched by its file name"
if grep -q "not among the inputs" "$TMP/err"; then fail "a labeled answer is missing: $(cat "$TMP/err")"; else pass; fi
printf -- '- {id: x, grade: 7}\n- {id: y}\n' >"$TMP/bad.yaml"
expect_rc 65 "invalid labels" -- "$BIN" calibrate --labels "$TMP/bad.yaml" $data
expect_grep "bad.yaml:1:" "$TMP/err" "bad grade located"
expect_grep "bad.yaml:2:" "$TMP/err" "missing grade located"
head -5 $data/labels.yaml >"$TMP/few.yaml"
expect_rc 66 "too few labeled answers" -- "$BIN" calibrate --labels "$TMP/few.yaml" $data
expect_grep "needs at least 10" "$TMP/err" "too few message"
expect_rc 64 "labels are required" -- "$BIN" calibrate $data
expect_rc 0 "calibrate --help" -- "$BIN" calibrate --help
expect_grep "Examples:" "$TMP/out" "calibrate help has examples"
finish
