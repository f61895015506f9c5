# `stargrade calibrate` on our own labeled battery: figures before, after and
# cross-validated; an overlay the rubric can use; located errors for bad labels.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
data=tests/cli/data/judgement
expect_rc 0 "calibrate" -- "$BIN" calibrate --rubric rubrics/tpm.yaml --labels $data/labels.yaml --folds 3 -o "$TMP/cal.yaml" $data
for text in "3-fold CV" "spearman" "qwk (even slices)" "pairwise" "weight specificity" "penalty_scale" "wrote $TMP/cal.yaml"; do
  expect_grep "$text" "$TMP/out" "calibrate output"
done
expect_grep "on 21 labeled answers" "$TMP/out" "every labeled answer is used"
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
