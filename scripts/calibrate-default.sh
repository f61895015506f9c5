#!/usr/bin/env bash
# Refits the default rubric's scoring (rubrics/tpm.calibration.yaml) with
# `stargrade calibrate`, on the labeled dev set in ../shared/eval/dev plus our
# own judgement battery (tests/cli/data/judgement) and battery2
# (tests/cli/data/battery2), 5-fold cross-validated.
# The fit starts from the weights in rubrics/tpm.yaml and is pulled towards
# them (--shrink), so the designed weights give way only where the labels
# clearly disagree. Review the printed figures and the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
bin=${STARGRADE:-build/stargrade}
"$bin" calibrate --rubric rubrics/tpm.yaml --shrink "${SHRINK:-2}" --folds 5 \
  --labels "$shared/eval/dev/labels.yaml" --labels tests/cli/data/judgement/labels.yaml \
  --labels tests/cli/data/battery2/labels.yaml \
  -o rubrics/tpm.calibration.yaml \
  "$shared/eval/dev/answers" tests/cli/data/judgement tests/cli/data/battery2
