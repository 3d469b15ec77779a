#!/usr/bin/env bash
# Regenerates charts/rollwave/crds from the Java model in api-model.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl api-model -am test -Dtest=ChartCrdsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Drollwave.crds.update=true -Dspotless.check.skip=true
ls charts/rollwave/crds
