#!/usr/bin/env bash
# Agent ingest (issue [7]): AGENTS SIMULATED agents (default 1000) enroll and connect over mutual TLS, then
# heartbeat every 10 s for SECONDS (default 60), each heartbeat timed to its HeartbeatAck, first against the
# marketplace (embedded) and then against the bare gRPC server (the same contract, no marketplace logic), each
# started alone. Prints both runs' reports, and side by side: heartbeat round trip, server CPU over the window,
# heap (after a full GC) and RSS per connected agent, and the marketplace's own heartbeat handling p99.
# Usage (from anywhere, after ./assay build): loadgen/scripts/agent-ingest.sh [AGENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
agents=${1:-1000}
seconds=${2:-60}
(( seconds >= 20 )) || { echo "SECONDS must be at least 20 (the CPU window leaves 5 s at each end)" >&2; exit 2; }
source loadgen/scripts/common.sh
work=$(mktemp -d)
hold=12
market=""; bare=""
trap 'kill $market $bare 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
# Each agent holds one socket in the swarm and one in the server (separate processes), plus the JVMs' own files.
if (( $(ulimit -n) < agents + 2000 )); then
  echo "ulimit -n is $(ulimit -n): too few file descriptors for $agents agents (raise it: ulimit -n $((agents + 2000)))" >&2
  exit 1
fi
say_where

# Runs the swarm against server pid $2 (name $1, extra loadgen args after); prints its report and sets
# $name_* figures: cpu (% of one core over the window), heap and RSS per agent (KiB), connected.
measure() {
  local name=$1 pid=$2; shift 2
  local heap0 rss0 heap1 rss1 ticks0 ticks1 t0 t1 swarm rc=0
  heap0=$(heap_kib "$pid"); rss0=$(rss_kib "$pid")
  "$java" "${flags[@]}" -jar "$loadgen_jar" --agents "$agents" --seconds "$seconds" --hold-seconds "$hold" \
    --json "$work/$name.json" "$@" >"$work/$name.out" 2>&1 &
  swarm=$!
  if ! await_line "$work/$name.out" "holding" 900; then
    cat "$work/$name.out"; kill "$swarm" 2>/dev/null; return 1
  fi
  heap1=$(heap_kib "$pid"); rss1=$(rss_kib "$pid")
  [[ $name == marketplace ]] && hb_before=$(curl -sf "$api/prometheus" | grep '^assay_agents_heartbeat_handling_seconds_bucket' || true)
  await_line "$work/$name.out" "load for" 60
  sleep 5
  ticks0=$(cpu_ticks "$pid"); t0=$(date +%s.%N)
  sleep $((seconds - 10))
  ticks1=$(cpu_ticks "$pid"); t1=$(date +%s.%N)
  [[ $name == marketplace ]] && hb_after=$(curl -sf "$api/prometheus" | grep '^assay_agents_heartbeat_handling_seconds_bucket' || true)
  wait "$swarm" || rc=$?
  echo "## swarm against the $name (exit $rc)"
  cat "$work/$name.out"
  local connected
  connected=$(jq '.facts.agents_connected' "$work/$name.json")
  eval "${name}_connected=$connected"
  eval "${name}_cpu=$(awk -v k0="$ticks0" -v k1="$ticks1" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.1f", 100 * (k1 - k0) / hz / (t1 - t0)}')"
  eval "${name}_heap=$(awk -v a="$heap0" -v b="$heap1" -v n="$connected" 'BEGIN {printf "%.1f", (b - a) / n}')"
  eval "${name}_rss=$(awk -v a="$rss0" -v b="$rss1" -v n="$connected" 'BEGIN {printf "%.1f", (b - a) / n}')"
  eval "${name}_heap_total=$(awk -v b="$heap1" 'BEGIN {printf "%.0f", b / 1024}')"
  eval "${name}_rss_total=$(awk -v b="$rss1" 'BEGIN {printf "%.0f", b / 1024}')"
  return 0
}

# The marketplace's own p99 of heartbeat handling over the window, from its Prometheus histogram's buckets.
server_p99() {
  paste <(echo "$hb_before") <(echo "$hb_after") | awk '
    { match($1, /le="[^"]*"/); le = substr($1, RSTART + 4, RLENGTH - 5); n[NR] = le; c[NR] = $4 - $2; rows = NR }
    END { total = c[rows]; for (i = 1; i <= rows; i++) if (c[i] >= 0.99 * total) { printf "%s", (n[i] == "+Inf" ? "+Inf" : n[i] * 1000) ; exit } }'
}

operator_key=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
start_marketplace "$work" "$operator_key"
measure marketplace "$market" --api "$api" --grpc "127.0.0.1:$grpc"
market_p99=$(server_p99)
kill "$market"; wait "$market" 2>/dev/null || true; market=""

"$java" "${flags[@]}" -jar "$loadgen_jar" bare-agent-server --port "$bare_port" --dir "$work/bare" \
  --heartbeat-millis 10000 >"$work/bare.log" 2>&1 &
bare=$!
await_line "$work/bare.log" "listening" 60 || { cat "$work/bare.log"; exit 1; }
measure bare "$bare" --grpc "127.0.0.1:$bare_port" --bare "$work/bare/ca.pem"
kill "$bare"; wait "$bare" 2>/dev/null || true; bare=""

row() { # label, marketplace value, bare value
  awk -v l="$1" -v m="$2" -v b="$3" 'BEGIN {r = (b + 0 > 0) ? sprintf("%.2f", m / b) : "-"; printf "%-40s %14s %14s %8s\n", l, m, b, r}'
}
pct() { jq -r ".operations.heartbeat.$2" "$work/$1.json"; }
echo "## side by side: $agents agents, heartbeat every 10 s, $seconds s window"
printf "%-40s %14s %14s %8s\n" "" "marketplace" "bare gRPC" "ratio"
row "agents connected" "$marketplace_connected" "$bare_connected"
row "heartbeats acked" "$(pct marketplace count)" "$(pct bare count)"
row "heartbeat errors" "$(pct marketplace errors)" "$(pct bare errors)"
row "heartbeat round trip p50 ms" "$(pct marketplace p50_ms)" "$(pct bare p50_ms)"
row "heartbeat round trip p99 ms" "$(pct marketplace p99_ms)" "$(pct bare p99_ms)"
row "heartbeat round trip p99.9 ms" "$(pct marketplace p999_ms)" "$(pct bare p999_ms)"
row "connect (Hello->Welcome) p99 ms" "$(jq .operations.connect.p99_ms "$work/marketplace.json")" "$(jq .operations.connect.p99_ms "$work/bare.json")"
row "enroll p50 ms" "$(jq .operations.enroll.p50_ms "$work/marketplace.json")" "$(jq .operations.enroll.p50_ms "$work/bare.json")"
row "enroll seconds (all agents)" "$(jq .facts.enroll_seconds "$work/marketplace.json")" "$(jq .facts.enroll_seconds "$work/bare.json")"
row "server CPU, % of one core (window)" "$marketplace_cpu" "$bare_cpu"
row "server heap per agent, KiB (after GC)" "$marketplace_heap" "$bare_heap"
row "server RSS per agent, KiB" "$marketplace_rss" "$bare_rss"
row "server heap in use, MiB (connected)" "$marketplace_heap_total" "$bare_heap_total"
row "server RSS, MiB (connected)" "$marketplace_rss_total" "$bare_rss_total"
echo "marketplace heartbeat handling p99 (server side, assay.agents.heartbeat.handling over the window): <= ${market_p99} ms (the histogram bucket bound)"
say_where
