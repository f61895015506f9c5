# `stargrade check` on broken rubrics prints every problem as FILE:LINE:COL: message,
# in file order, and exits 65; `grade` refuses them before writing any report.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO/tests/cli/data/rubrics"
expect_rc 0 "the base rubric is valid" -- "$BIN" check base.yaml
for expected in *.expected; do
  name=${expected%.expected}
  expect_rc 65 "check $name.yaml" -- "$BIN" check "$name.yaml"
  while IFS= read -r line; do
    expect_grep "$line" "$TMP/err" "$name.yaml diagnostics"
  done <"$expected"
  # the printed order follows the file
  grep -E "^$name\.yaml:[0-9]+:" "$TMP/err" | cut -d: -f2 >"$TMP/lines"
  sort -n -c "$TMP/lines" 2>/dev/null && pass || fail "$name.yaml problems are not in line order"
  expect_rc 65 "grade with $name.yaml" -- "$BIN" grade --rubric "$name.yaml" --json "$TMP/r.json" "$REPO/samples"
  [ ! -e "$TMP/r.json" ] && pass || fail "a report was written with the invalid rubric $name.yaml"
done
# A rubric that does not exist, and one over the size limit.
expect_rc 65 "missing rubric" -- "$BIN" check "$TMP/none.yaml"
expect_grep "cannot read the rubric" "$TMP/err" "missing rubric message"
python3 -c "print('schema: 1\n# ' + 'x' * (5 * 1024 * 1024))" >"$TMP/huge.yaml"
expect_rc 65 "huge rubric" -- "$BIN" check "$TMP/huge.yaml"
expect_grep "over the limit" "$TMP/err" "huge rubric message"
finish
