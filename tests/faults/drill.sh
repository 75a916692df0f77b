#!/usr/bin/env bash
# Fault drills with the real binary, as a user meets them; they print the figures that the
# fault tests assert, at full length. Needs a built tree, curl and python3.
#
#   tests/faults/drill.sh outage [OUTAGE_S]    stock source at 500 records/s and a VWAP
#                                              processor; Kafka away OUTAGE_S (default 45) s
#   tests/faults/drill.sh torture [SECONDS]    `run --watch`, the file flipping every 0.7 s
#                                              between two shapes, Kafka answering in 400 ms,
#                                              four clients polling /health (default 60 s)
#
# BUILD_DIR (default build) is the tree to use, e.g. build-asan for a sanitizer run.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build}
drill=${1:?outage or torture}
work=$(mktemp -d /tmp/streamweaver-drill-XXXXXX)
say() { echo "[drill] $*"; }
die() { say "FAILED: $*"; exit 1; }

# Kafka: the mock cluster in a process of its own, driven over its stdin.
coproc KAFKA { "$build/tests/mock_kafka" 1; }
read -r line <&"${KAFKA[0]}"
bootstrap=${line#bootstrap }
kafka() {
  echo "$*" >&"${KAFKA[1]}"
  local answer
  read -r answer <&"${KAFKA[0]}"
  [[ $answer == ok ]] || die "mock_kafka $*: $answer"
}
for t in "stock_trades 3" "social_feed 1" "stock_metrics 1" "stock_vwap.dlq 1"; do kafka topic $t; done

pipeline() {  # pipeline STOCK_RATE WITH_SOCIAL_AND_VWAP
  cat <<TOML
[kafka]
brokers = "$bootstrap"
[kafka.consumer]
"session.timeout.ms" = "6000"
[topics.stock_trades]
partitions = 3
[topics.social_feed]
[topics.stock_metrics]
[sources.stock]
plugin = "stock"
topic = "stock_trades"
rate = $1
[bridge]
listen = "127.0.0.1:0"
topics = ["stock_trades"]
TOML
  $2 || return 0
  cat <<TOML
[sources.social]
plugin = "social"
topic = "social_feed"
rate = 500
[processors.stock_vwap]
input = "stock_trades"
output = "stock_metrics"
[[processors.stock_vwap.transforms]]
plugin = "window_aggregate"
options = { by = "symbol", window = 20, emit_every = 10 }
TOML
}

start_host() {  # start_host [--watch]
  "$build/bin/streamweaver" run --config "$work/pipeline.toml" "$@" >"$work/host.log" 2>&1 &
  host=$!
  for _ in $(seq 100); do
    port=$(sed -n 's|.*dashboard on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/host.log")
    [[ -n $port ]] && return
    sleep 0.2
  done
  die "the host did not start: $(tail -5 "$work/host.log")"
}
health() { curl -s -o "$work/health.json" -w '%{http_code}' "http://127.0.0.1:$port/health"; }
field() { python3 -c "import json,sys; print(json.load(open('$work/health.json'))$1)"; }
stop_host() {
  kill -TERM "$host"
  set +e; wait "$host"; code=$?; set -e
}

case $drill in
outage)
  outage=${2:-45}
  pipeline 500 false >"$work/pipeline.toml"
  cat >>"$work/pipeline.toml" <<TOML
[processors.stock_vwap]
input = "stock_trades"
output = "stock_metrics"
[[processors.stock_vwap.transforms]]
plugin = "window_aggregate"
options = { by = "symbol", window = 20, emit_every = 10 }
TOML
  start_host
  sleep 10
  health >/dev/null; sent_before=$(field "['processors']['stock_vwap']['sent']")
  say "Kafka down for $outage s (processor has sent $sent_before)"
  kafka down all
  not_ok=0
  for _ in $(seq "$outage"); do
    sleep 1
    health >/dev/null
    [[ $(field "['status']") != ok ]] && not_ok=$((not_ok + 1))
  done
  say "/health was not ok in $not_ok of $outage checks; source: $(field "['sources']['stock']")"
  kafka up all
  back=$SECONDS
  until health >/dev/null && [[ $(field "['status']") == ok ]]; do sleep 0.2; done
  say "/health ok $((SECONDS - back)) s after Kafka returned"
  until health >/dev/null && (($(field "['processors']['stock_vwap']['sent']") > sent_before + 100)); do
    ((SECONDS - back < 120)) || die "the processor did not resume"
    sleep 0.2
  done
  say "processor output growing $((SECONDS - back)) s after Kafka returned"
  sleep 5
  stop_host
  delivered=$(sed -n 's/.*\[source:stock\] generated \([0-9]*\), delivered \([0-9]*\), failed \([0-9]*\).*/\2 \1 \3/p' "$work/host.log")
  read -r delivered generated failed <<<"$delivered"
  say "host exit code $code; stock generated $generated, delivered $delivered, failed $failed"
  timeout 120 "$build/bin/streamweaver" tap stock_trades --from-beginning --brokers "$bootstrap" --count "$delivered" \
    2>/dev/null | python3 -c "
import collections, json, sys
frames = [json.loads(l) for l in sys.stdin]
ids = [f['value']['trade_id'] for f in frames]
# A duplicate's copies, with where each sits (partition, offset), tell a resend from a re-read.
copies = collections.defaultdict(list)
for f in frames:
    copies[f['value']['trade_id']].append({k: v for k, v in f.items() if k != 'value'})
duplicates = [(i, where) for i, where in copies.items() if len(where) > 1]
for trade_id, where in duplicates[:20]:
    print(f'[drill] trade id {trade_id} is in the topic {len(where)} times: {where}')
print(f'[drill] records in the topic: {len(ids)}, distinct trade ids: {len(set(ids))}, highest id: {max(ids)}')"
  ;;
torture)
  seconds=${2:-60}
  kafka rtt all 400
  pipeline 2000 true >"$work/pipeline.toml"
  start_host --watch
  for _ in 1 2 3 4; do
    (until [[ -e $work/stopping ]]; do curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/health"; done) >>"$work/polls" &
  done
  flip=0
  for _ in $(seq $((seconds * 10 / 7))); do
    sleep 0.7
    if ((flip++ % 2 == 0)); then pipeline 1500 false; else pipeline 2000 true; fi >"$work/next.toml"
    mv "$work/next.toml" "$work/pipeline.toml"
    kill -0 "$host" 2>/dev/null || die "the host died: $(tail -20 "$work/host.log")"
  done
  sleep 2
  touch "$work/stopping"
  sleep 1
  stop_host
  say "$flip flips, $(grep -c 'reloaded ' "$work/host.log") reloads; /health answers: $(sort "$work/polls" | uniq -c | tr '\n' ' ')"
  grep -E "\[source:[a-z]+\] generated" "$work/host.log" | sed 's/^.*\] \[/[/' || true
  grep -E "ERROR|runtime error|Sanitizer" "$work/host.log" | head -5 || true
  say "host exit code $code"
  ;;
*) die "unknown drill '$drill'" ;;
esac
[[ $code == 0 ]] || die "exit code $code (log: $work/host.log)"
rm -rf "$work"
