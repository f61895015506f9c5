# The JSON report validates against docs/report.schema.json, for graded answers
# and for error rows alike.
source "$(dirname "$0")/lib.sh" "$1" "$2"
cd "$REPO"
printf '' >"$TMP/empty.md"
printf 'abc\x00' >"$TMP/binary.md"
"$BIN" grade --quiet --json "$TMP/r.json" samples/ "$TMP/empty.md" "$TMP/binary.md" "$TMP/missing.md" 2>/dev/null || true
python3 - "$TMP/r.json" docs/report.schema.json <<'PY' && pass || fail "the report does not validate against docs/report.schema.json"
import json, sys
import jsonschema
report = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(report))
for e in errors[:10]:
    print("  ", "/".join(map(str, e.absolute_path)), e.message, file=sys.stderr)
statuses = sorted({a["status"] for a in report["answers"]})
if statuses != ["error", "graded"]:
    print("  the report should hold graded answers and error rows", statuses, file=sys.stderr)
    sys.exit(1)
sys.exit(1 if errors else 0)
PY
# A report that breaks the contract is caught (the check can fail).
python3 - "$TMP/r.json" "$TMP/bad.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["answers"][0]["score"] = "high"
del r["summary"]["graded"]
json.dump(r, open(sys.argv[2], "w"))
PY
python3 -c "
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open('docs/report.schema.json')))
sys.exit(0 if len(list(v.iter_errors(json.load(open('$TMP/bad.json'))))) >= 2 else 1)" && pass || fail "a broken report should not validate"
finish
