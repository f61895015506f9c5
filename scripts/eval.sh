#!/usr/bin/env bash
# Grades the labeled dev set in ../shared/eval/dev with the default rubric and
# prints score.py's agreement figures. Extra arguments go to score.py.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
bin=${STARGRADE:-build/stargrade}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" grade --rubric rubrics/tpm.yaml --quiet --json "$out/dev.json" "$shared/eval/dev/answers" || true
python3 "$shared/eval/score.py" "$out/dev.json" "$shared/eval/dev/labels.yaml" "$@"
