# `stargrade schema NAME` prints the schemas of docs/ byte for byte (they are
# embedded at build time); an unknown or missing name is a usage error (64)
# that lists the valid names; a failed write is 74.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
for name in rubric report; do
  expect_rc 0 "schema $name" -- "$BIN" schema "$name"
  cmp -s "$TMP/out" "docs/$name.schema.json" && pass || fail "stargrade schema $name differs from docs/$name.schema.json"
  [ ! -s "$TMP/err" ] && pass || fail "schema $name wrote to standard error"
  python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$TMP/out" && pass || fail "schema $name is not JSON"
done
expect_rc 64 "unknown schema" -- "$BIN" schema rubrics
expect_grep "unknown schema 'rubrics'" "$TMP/err" "unknown schema message"
expect_grep "rubric, report" "$TMP/err" "the valid names"
[ ! -s "$TMP/out" ] && pass || fail "an unknown schema printed something on standard output"
expect_rc 64 "no schema name" -- "$BIN" schema
expect_rc 64 "two schema names" -- "$BIN" schema rubric report
expect_rc 0 "schema --help" -- "$BIN" schema --help
expect_grep "rubric, report" "$TMP/out" "schema --help names the schemas"
if [ -w /dev/full ]; then
  rc=0
  "$BIN" schema report >/dev/full 2>"$TMP/err" || rc=$?
  [ "$rc" -eq 74 ] && pass || fail "schema to a full disk: exit $rc, want 74"
fi
finish
