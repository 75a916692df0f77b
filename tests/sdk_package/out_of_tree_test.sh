#!/usr/bin/env bash
# The plugin SDK end to end, as an outside author uses it:
#   1. `cmake --install` the build tree into a temporary prefix, check the layout;
#   2. `streamweaver new-plugin --kind source`, build it as its own CMake project against the
#      installed package, run its test, run it in the installed host on the embedded broker
#      and read its records back with `streamweaver tap`;
#   3. the same scaffold for `--kind transform`: build, test, `streamweaver check` its pipeline,
#      and a program linked with the installed streamweaver::json reads fields from JSON text;
#   4. a plugin built with another SDK ABI is refused with both versions named;
#   5. find_package warns when the recorded compiler differs from the project's.
# Usage: out_of_tree_test.sh BUILD_DIR. Tools from the environment: CMAKE, CTEST, NINJA, CXX.
set -euo pipefail

build_dir=$(cd "$1" && pwd)
cmake=${CMAKE:-cmake}
ctest=${CTEST:-ctest}
ninja=${NINJA:-ninja}
cxx=${CXX:-c++}

work=$(mktemp -d "${TMPDIR:-/tmp}/streamweaver-sdk-test.XXXXXX")
host_pid=""
started=$SECONDS

stop_host() {  # SIGTERM, then SIGKILL if it hangs; sets host_rc
  host_rc=0
  [[ -n $host_pid ]] || return 0
  kill -TERM "$host_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$host_pid" 2>/dev/null || true
  wait "$host_pid" || host_rc=$?
  host_pid=""
}
cleanup() {
  stop_host
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM INT  # so that cleanup runs when ctest gives up on us

step() { echo "[sdk_out_of_tree +$((SECONDS - started))s] $*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# Runs a command with its output in a log file, shown only when it fails.
quietly() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; fail "$* (log above)"; }
}
expect_file() { [[ -e $1 ]] || fail "missing $1"; }

# ---- 1. install ----
prefix=$work/prefix
step "installing $build_dir into $prefix"
quietly "$work/install.log" "$cmake" --install "$build_dir" --prefix "$prefix"
sw=$prefix/bin/streamweaver
expect_file "$sw"
expect_file "$prefix/include/streamweaver/sdk.hpp"
expect_file "$prefix/include/streamweaver/testkit.hpp"
package_config=$(find "$prefix/lib" -name StreamWeaverSDKConfig.cmake | head -n 1)
[[ -n $package_config ]] || fail "no StreamWeaverSDKConfig.cmake under $prefix/lib"
expect_file "$(dirname "$package_config")/StreamWeaverSDKConfigVersion.cmake"
expect_file "$(dirname "$package_config")/StreamWeaverPlugin.cmake"
expect_file "$prefix/lib/streamweaver/plugins/libstock.so"
expect_file "$prefix/share/streamweaver/web/index.html"
expect_file "$prefix/share/streamweaver/pipeline.toml"
if compgen -G "$prefix/lib/streamweaver/plugins/libfixture_*" >/dev/null; then
  fail "test fixture plugins were installed"
fi
[[ ! -e $prefix/share/streamweaver/web/CMakeFiles ]] || fail "CMake's files installed with the dashboard"
sdk_abi=$(sed -n 's/^set(STREAMWEAVER_SDK_ABI_VERSION \([0-9]*\))$/\1/p' "$package_config")
[[ -n $sdk_abi ]] || fail "the package does not record STREAMWEAVER_SDK_ABI_VERSION"
step "installed: host, bundled plugins, dashboard, SDK package (ABI $sdk_abi)"
step "checking the installed pipeline.toml with the installed host and plugins"
quietly "$work/check.log" "$sw" check --config "$prefix/share/streamweaver/pipeline.toml"

# Configures and builds a scaffolded project as its own CMake project, with only the
# installed prefix to find the SDK in.
build_project() {
  local dir=$1
  shift
  quietly "$dir.configure.log" "$cmake" -S "$dir" -B "$dir/build" -G Ninja \
    -DCMAKE_MAKE_PROGRAM="$ninja" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" "$@"
  grep -q "^StreamWeaverSDK_DIR:PATH=$prefix/" "$dir/build/CMakeCache.txt" ||
    fail "$dir did not find the SDK in $prefix"
  ! grep -q "CMake Warning" "$dir.configure.log" || { cat "$dir.configure.log"; fail "configure warned"; }
  quietly "$dir.build.log" "$cmake" --build "$dir/build"
}

scaffold() {  # kind name
  quietly "$work/$2.new.log" "$sw" new-plugin --kind "$1" --name "$2" --dir "$work/$2"
  for f in CMakeLists.txt "$2.cpp" "$2_test.cpp" pipeline.toml; do expect_file "$work/$2/$f"; done
  grep -q -- "-DCMAKE_PREFIX_PATH=$(cd "$prefix" && pwd -P)$" "$work/$2.new.log" || fail "new-plugin did not print the SDK prefix"
}

# Runs new-plugin expecting a refusal: exit 2 and `message` on stderr.
expect_refusal() {  # message args...
  local message=$1 rc=0
  shift
  "$sw" new-plugin "$@" >/dev/null 2>"$work/refusal.err" || rc=$?
  [[ $rc -eq 2 ]] || fail "new-plugin $* exited $rc, expected 2"
  grep -q -- "$message" "$work/refusal.err" || { cat "$work/refusal.err"; fail "new-plugin $*: no '$message'"; }
}

# ---- 2. a source plugin, built out of tree and run in the installed host ----
step "new-plugin refuses bad names, kinds and non-empty folders"
expect_refusal "is not a snake_case C identifier" --kind source --name My-Ticker --dir "$work/bad"
expect_refusal "is not a snake_case C identifier" --kind source --name 2fast --dir "$work/bad"
expect_refusal "must be source or transform" --kind sink --name ok_name --dir "$work/bad"
[[ ! -e $work/bad ]] || fail "a refused new-plugin created its folder"
mkdir -p "$work/full" && touch "$work/full/keep.txt"
expect_refusal "already exists and is not an empty folder" --kind source --name ok_name --dir "$work/full"
step "new-plugin --kind source --name my_ticker"
scaffold source my_ticker
step "building my_ticker against the installed SDK"
build_project "$work/my_ticker"
expect_file "$work/my_ticker/build/libmy_ticker.so"
step "running my_ticker's generated test"
quietly "$work/my_ticker.ctest.log" "$ctest" --test-dir "$work/my_ticker/build" --output-on-failure
grep -q "100% tests passed" "$work/my_ticker.ctest.log" || fail "my_ticker's test did not pass"

# The generated pipeline, moved away from its build dir so that only STREAMWEAVER_PLUGIN_PATH
# can find the plugin, on a free port.
mkdir "$work/run"
sed 's/^listen = .*/listen = "127.0.0.1:0"/' "$work/my_ticker/pipeline.toml" >"$work/run/pipeline.toml"
step "running my_ticker in the installed host"
STREAMWEAVER_PLUGIN_PATH=$work/my_ticker/build "$sw" run --config "$work/run/pipeline.toml" \
  >"$work/host.log" 2>&1 &
host_pid=$!
port=""
for _ in $(seq 300); do
  port=$(sed -n 's/.*embedded Kafka broker listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/host.log" | head -n 1)
  [[ -n $port ]] && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; fail "the host exited at start-up"; }
  sleep 0.1
done
[[ -n $port ]] || { cat "$work/host.log" >&2; fail "no 'embedded Kafka broker listening' line"; }
step "embedded broker on 127.0.0.1:$port; tapping 5 records"
timeout 60 "$sw" tap my_ticker --brokers "127.0.0.1:$port" --from-beginning --count 5 \
  >"$work/tap.out" 2>"$work/tap.err" || { cat "$work/tap.err" "$work/host.log" >&2; fail "tap failed"; }
[[ $(wc -l <"$work/tap.out") -eq 5 ]] || { cat "$work/tap.out"; fail "expected 5 records"; }
key=(AAA BBB CCC)  # one partition: records come back in order, keys cycling
for seq in 0 1 2 3 4; do
  line=$(sed -n "$((seq + 1))p" "$work/tap.out")
  [[ $line == *'"topic":"my_ticker"'* && $line == *"\"key\":\"${key[seq % 3]}\""* &&
     $line == *"\"seq\":$seq"* && $line == *"\"symbol\":\"${key[seq % 3]}\""* ]] ||
    fail "record $seq is not what my_ticker makes: $line"
done
step "SIGTERM to the host"
stop_host
[[ $host_rc -eq 0 ]] || { cat "$work/host.log" >&2; fail "the host exited with $host_rc after SIGTERM"; }

# ---- 3. a transform plugin: build, test, and its pipeline passes `check` ----
step "new-plugin --kind transform --name my_scaler"
scaffold transform my_scaler
step "building my_scaler against the installed SDK"
build_project "$work/my_scaler"
step "running my_scaler's generated test"
quietly "$work/my_scaler.ctest.log" "$ctest" --test-dir "$work/my_scaler/build" --output-on-failure
grep -q "100% tests passed" "$work/my_scaler.ctest.log" || fail "my_scaler's test did not pass"
step "checking my_scaler's pipeline with the installed host"
quietly "$work/my_scaler.check.log" "$sw" check --config "$work/my_scaler/pipeline.toml"

# ---- 3b. the installed streamweaver::json library: a program reads fields from JSON text ----
step "building a JsonFields reader against the installed streamweaver::json"
fields_dir=$work/fields_reader
mkdir -p "$fields_dir"
cat >"$fields_dir/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(fields_reader LANGUAGES CXX)
find_package(StreamWeaverSDK REQUIRED)
add_executable(fields_reader fields_reader.cpp)
target_compile_features(fields_reader PRIVATE cxx_std_20)
target_link_libraries(fields_reader PRIVATE streamweaver::json)
CMAKE
cat >"$fields_dir/fields_reader.cpp" <<'CPP'
#include <cstdio>
#include <streamweaver/json/fields.hpp>
int main() {
  streamweaver::Record record;
  record.json = R"({"price": 178.5, "trade": {"symbol": "AAPL"}})";
  streamweaver::JsonFields fields;
  if (!fields.read(record)) return 1;
  auto price = fields.number(streamweaver::FieldPath("price"));
  auto symbol = fields.scalar(streamweaver::FieldPath("trade.symbol"));
  std::printf("%s %.1f\n", symbol.value_or("?").c_str(), price.value_or(-1));
  return price == 178.5 && symbol == "AAPL" ? 0 : 1;
}
CPP
# A sanitizer tree's library is instrumented and its export carries no sanitizer runtime (see
# sdk/json/CMakeLists.txt), so a program linking it there is built with the same sanitizers.
sanitize=$(sed -n 's/^STREAMWEAVER_SANITIZE:STRING=//p' "$build_dir/CMakeCache.txt")
build_project "$fields_dir" ${sanitize:+"-DCMAKE_CXX_FLAGS=-fsanitize=$sanitize" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=$sanitize"}
[[ $("$fields_dir/build/fields_reader") == "AAPL 178.5" ]] || fail "JsonFields read the wrong fields"

# ---- 4. another SDK ABI: the host refuses the plugin and names both versions ----
step "building old_abi with STREAMWEAVER_SDK_ABI_VERSION=999"
scaffold source old_abi
build_project "$work/old_abi" -DBUILD_TESTING=OFF -DCMAKE_CXX_FLAGS=-DSTREAMWEAVER_SDK_ABI_VERSION=999
STREAMWEAVER_PLUGIN_PATH=$work/old_abi/build "$sw" plugins >"$work/plugins.out" 2>"$work/plugins.err" ||
  { cat "$work/plugins.err" >&2; fail "streamweaver plugins failed"; }
grep "plugin refused: .*libold_abi.so: plugin built for SDK ABI 999 .*this host has SDK ABI $sdk_abi " \
  "$work/plugins.err" || { cat "$work/plugins.err" >&2; fail "no refusal naming ABI 999 and $sdk_abi"; }
! grep -q "old_abi" "$work/plugins.out" || fail "the refused plugin is listed"

# ---- 5. a compiler other than the SDK's: find_package warns ----
step "configuring with a different recorded compiler"
sed -i 's/^set(STREAMWEAVER_SDK_CXX_COMPILER_VERSION .*/set(STREAMWEAVER_SDK_CXX_COMPILER_VERSION "1.0")/' "$package_config"
"$cmake" -S "$work/my_scaler" -B "$work/my_scaler/build" >"$work/warn.log" 2>&1 ||
  { cat "$work/warn.log" >&2; fail "reconfigure failed"; }
grep -q "StreamWeaverSDK was built with .* 1.0, this project uses" "$work/warn.log" ||
  { cat "$work/warn.log" >&2; fail "no compiler warning"; }

step "all passed"
