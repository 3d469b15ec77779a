#!/usr/bin/env bash
# The whole test suite on a fresh machine: builds the real servers (cached after the first run),
# then unit tests, *IT tests against real kube-apiserver / NATS / Temporal, and the format check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/dev-env.sh install
./mvnw -B -ntp verify "$@"
