# Shared helpers for the end-to-end tests. Usage: source lib.sh BIN REPO
set -euo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
REPO=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# expect_rc WANT DESCRIPTION -- COMMAND...
expect_rc() {
  local want=$1 what=$2; shift 3
  local rc=0
  "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
  if [ "$rc" -ne "$want" ]; then
    fail "$what: exit $rc, want $want"; sed 's/^/  | /' "$TMP/err" | head -20 >&2
  else pass; fi
}

# expect_grep PATTERN FILE DESCRIPTION (fixed string)
expect_grep() {
  if grep -qF -- "$1" "$2"; then pass; else fail "$3: '$1' not in $2"; sed 's/^/  | /' "$2" | head -20 >&2; fi
}

# Prints a report JSON without the fields that change from run to run.
normalise_json() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r.pop("generated_at", None)
r["tool"].pop("version", None)
r["rubric"].pop("path", None)
print(json.dumps(r, indent=2, sort_keys=False))
PY
}

finish() {
  echo "$checks passed, $failures failed"
  [ "$failures" -eq 0 ]
}
