# Grades samples/ with the default rubric: golden JSON and CSV with volatile fields removed.
# Usage: bash golden.sh BIN REPO   (compares)   |   bash golden.sh BIN REPO --update
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
rc=0
"$BIN" grade --rubric rubrics/tpm.yaml --jobs 2 --json "$TMP/r.json" --csv "$TMP/r.csv" samples/ >"$TMP/summary" || rc=$?
normalise_json "$TMP/r.json" >"$TMP/r.norm.json"
if [ "${3:-}" = "--update" ]; then
  cp "$TMP/r.norm.json" tests/cli/golden/samples.json
  cp "$TMP/r.csv" tests/cli/golden/samples.csv
  echo "updated tests/cli/golden (exit $rc)"
  exit 0
fi
[ "$rc" -eq 1 ] && pass || fail "samples: exit $rc, want 1 (some samples fail)"
if diff -u tests/cli/golden/samples.json "$TMP/r.norm.json" >"$TMP/diff"; then pass; else
  fail "samples JSON differs from tests/cli/golden/samples.json (regenerate with scripts/update-golden.sh and review the diff)"
  head -60 "$TMP/diff" >&2
fi
if diff -u tests/cli/golden/samples.csv "$TMP/r.csv" >"$TMP/diff"; then pass; else
  fail "samples CSV differs from tests/cli/golden/samples.csv"; head -30 "$TMP/diff" >&2
fi
# The terminal summary names every answer and the totals.
expect_grep "12 answers: 12 graded, 0 errors" "$TMP/summary" "summary line"
for id in $(python3 -c "import json; print(' '.join(a['id'] for a in json.load(open('$TMP/r.json'))['answers']))"); do
  expect_grep "  $id " "$TMP/summary" "summary lists $id"
done
# The same run on one thread gives the same report.
"$BIN" grade --rubric rubrics/tpm.yaml --jobs 1 --quiet --json "$TMP/r1.json" samples/ || true
normalise_json "$TMP/r1.json" >"$TMP/r1.norm.json"
cmp -s "$TMP/r.norm.json" "$TMP/r1.norm.json" && pass || fail "--jobs 1 and --jobs 2 reports differ"
finish
