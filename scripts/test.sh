#!/usr/bin/env bash
# Builds, then runs every test: unit, integration on the embedded Kafka, and the dashboard
# in headless Chromium. Benchmarks are separate (scripts/bench.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh --with-browser
ctest --test-dir build --output-on-failure --timeout 300 "$@"
