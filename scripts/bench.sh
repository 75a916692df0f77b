#!/usr/bin/env bash
# Builds the benchmarks and runs each with modest defaults. They print figures beside a
# reference measured in the same run; they are not pass/fail. BUILD_DIR overrides build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-browser  # idempotent; Chromium is for the dashboard benchmark
build=${BUILD_DIR:-build}
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" -j"$(nproc)" --target bench_produce bench_processor bench_fanout bench_file_source streamweaver dashboard

"$build"/bench/bench_produce 5
echo
"$build"/bench/bench_processor 600000
echo
# The target load: 1,000 clients x 100 records/s, p99 under 50 ms, no client dropped.
"$build"/bench/bench_fanout --clients 1000 --rate 100 --seconds 20 --catch-up 100000
"$build"/bench/bench_fanout --clients 1000 --rate 1000 --seconds 20 --batch-ms 20
"$build"/bench/bench_file_source
echo
# The dashboard in headless Chromium at 20 and at 1,000 records/s.
node tests/bench/dashboard_bench.mjs "$build"
