#!/usr/bin/env bash
# Builds if needed, then runs the host with config/pipeline.toml on the embedded Kafka.
# The dashboard is at http://127.0.0.1:8080/. Extra arguments go to `streamweaver run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec build/bin/streamweaver run --config config/pipeline.toml "$@"
