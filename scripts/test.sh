#!/usr/bin/env bash
# The whole test suite on a fresh machine: builds the real servers and helm (cached after the first
# run), then unit tests, *IT tests against real kube-apiserver / NATS / Temporal (the chart's ITs run
# helm lint and helm template), the format check, and the operator image (-Pimage, no daemon); then
# checks the image tar and packages the agent for devices.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/dev-env.sh install
./mvnw -B -ntp verify -Pimage "$@"
scripts/check-image.sh
scripts/package-agent.sh
