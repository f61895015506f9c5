#!/usr/bin/env bash
# Regenerates the end-to-end golden files from the current build. Review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${STARGRADE:-build/stargrade}
bash tests/cli/golden.sh "$bin" "$PWD" --update
git --no-pager diff --stat -- tests/cli/golden || true
