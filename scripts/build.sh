#!/usr/bin/env bash
# Configures and builds into build/ (host, plugins, dashboard, tests). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/install-deps.sh" "$@"
# Line tables only (-g1): perf and backtraces still name file and line, and the build is a
# fifth faster than with full debug information.
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
fi
cmake --build build -j"$(nproc)"
