#!/usr/bin/env bash
# Builds, then runs every test: unit, integration and fault tests on the embedded Kafka, and
# the dashboard in headless Chromium. Benchmarks are separate (scripts/bench.sh).
#
#   scripts/test.sh [--sanitizers] [ctest arguments...]
#
# --sanitizers (CI passes it) then builds the project again under AddressSanitizer+UBSan
# (build-asan/) and runs the whole suite there, and under ThreadSanitizer (build-tsan/) and
# builds and runs the concurrent areas only; a sanitizer report fails the test that triggered
# it. Sanitizer trees keep line tables only (-g1): reports name file and line, and they
# build a third faster than with full debug information. The
# outage test keeps Kafka away for 320 s in the plain run (past librdkafka's default
# message timeout) and 40 s under the sanitizers.
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=false
if [[ ${1:-} == --sanitizers ]]; then
  sanitizers=true
  shift
fi

started=$SECONDS
scripts/build.sh --with-browser
ctest --test-dir build --output-on-failure --timeout 300 -j2 "$@"
echo "[test] plain build: passed ($((SECONDS - started)) s so far)"
$sanitizers || exit 0

# sanitized DIR SANITIZERS [TARGET...]: configures (once) and builds a sanitizer tree without
# benchmarks: the given targets, or all.
sanitized() {
  local dir=$1 sanitize=$2
  shift 2
  if [[ ! -f $dir/CMakeCache.txt ]]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DSTREAMWEAVER_SANITIZE="$sanitize" -DSTREAMWEAVER_BENCHMARKS=OFF
  fi
  cmake --build "$dir" -j"$(nproc)" ${1:+--target "$@"}
}
export STREAMWEAVER_OUTAGE_SECONDS=40
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# librdkafka is not instrumented: TSan sees its locks and threads (cmake/tsan_c11_threads.c)
# but not its atomics, so what its own threads do among themselves is not checked. Our code,
# including the callbacks librdkafka calls, is.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ignore_noninstrumented_modules=1"

sanitized build-asan address,undefined
ctest --test-dir build-asan --output-on-failure --timeout 600 -j2 "$@"
echo "[test] AddressSanitizer+UBSan: passed ($((SECONDS - started)) s so far)"

# The test areas where threads meet: each builds as tests_<area> and runs as ctest -L <area>.
concurrent_areas=(bridge pipeline integration reload kafka faults cli runtime)
sanitized build-tsan thread "${concurrent_areas[@]/#/tests_}"
ctest --test-dir build-tsan --output-on-failure --timeout 600 -j2 \
  -L "^($(IFS='|'; echo "${concurrent_areas[*]}"))\$" "$@"
echo "[test] ThreadSanitizer: passed ($((SECONDS - started)) s in all)"
