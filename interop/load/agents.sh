#!/usr/bin/env bash
# Load check of issue [4]: N SIMULATED agents (default 1000) enroll and stay connected to one marketplace over
# mutual TLS, heartbeating every second, for S seconds (default 60). Prints the swarm's report, the marketplace's
# own count of heartbeats received, its CPU time over the window and its heap per connected agent.
# Usage (from the repository root, after ./assay build): interop/load/agents.sh [AGENTS] [SECONDS]
set -euo pipefail
agents=${1:-1000}
seconds=${2:-60}
java=${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java
flags=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
work=$(mktemp -d)
http=18180
grpc=19190
api=http://localhost:$http
trap 'kill "$market" 2>/dev/null || true; wait "$market" 2>/dev/null || true; rm -rf "$work"' EXIT

ASSAY_DATA_DIR=$work/data ASSAY_HTTP_PORT=$http ASSAY_GRPC_PORT=$grpc ASSAY_DEMO_FLEET_SIZE=0 \
  ASSAY_METERING_ENABLED=false ASSAY_AGENT_HEARTBEAT=1s \
  "$java" "${flags[@]}" -jar marketplace-api/target/assay-marketplace.jar >"$work/market.log" 2>&1 &
market=$!
for _ in $(seq 1 120); do curl -sf "$api/health" >/dev/null && break; sleep 0.5; done
curl -sf "$api/health" >/dev/null || { tail -30 "$work/market.log"; exit 1; }

key=$(curl -sf -X POST "$api/v1/orgs" -H 'Content-Type: application/json' \
  -d '{"name":"Swarm Hosts","owner_email":"swarm@example.com"}' | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
curl -sf "$api/v1/agents/ca.pem" >"$work/ca.pem"

# Sum of every series whose line starts with $1 (a literal prefix, labels included if given).
metric() { curl -sf "$api/prometheus" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%.0f", s}'; }
heap() { "$JAVA_HOME/bin/jcmd" "$market" GC.run >/dev/null 2>&1 || true; sleep 1; metric 'jvm_memory_used_bytes{area="heap"'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$market/stat"; }

heap_before=$(heap)
ASSAY_OWNER_KEY=$key "$java" "${flags[@]}" -jar provider-agent/target/assay-agent.jar swarm \
  --marketplace localhost:$grpc --api "$api" --ca-cert "$work/ca.pem" --agents "$agents" --seconds "$seconds" \
  >"$work/swarm.json" &
swarm=$!
# The window starts once every agent is connected, and covers the swarm's heartbeat seconds.
for _ in $(seq 1 600); do
  [[ $(metric 'assay_agents_connected ') -ge $agents ]] && break
  kill -0 "$swarm" 2>/dev/null || break
  sleep 0.5
done
connected=$(metric 'assay_agents_connected ')
heap_connected=$(heap)
beats0=$(metric 'assay_agents_heartbeats_total'); ticks0=$(cpu_ticks); t0=$(date +%s.%N)
sleep "$((seconds - 5))"
beats1=$(metric 'assay_agents_heartbeats_total'); ticks1=$(cpu_ticks); t1=$(date +%s.%N)
wait "$swarm"; rc=$?
hz=$(getconf CLK_TCK)
cat "$work/swarm.json"
awk -v a="$agents" -v c="$connected" -v b0="$beats0" -v b1="$beats1" -v k0="$ticks0" -v k1="$ticks1" -v hz="$hz" \
    -v t0="$t0" -v t1="$t1" -v h0="$heap_before" -v h1="$heap_connected" -v n="$(nproc)" 'BEGIN {
  w = t1 - t0
  printf "marketplace: %d agents connected; %.0f heartbeats/s received over %.1f s; CPU %.2f core-seconds/s (%.0f %% of %d cores); heap %.1f MiB before, %.1f MiB connected: %.1f KiB per agent\n",
    c, (b1 - b0) / w, w, (k1 - k0) / hz / w, 100 * (k1 - k0) / hz / w / n, n, h0 / 1048576, h1 / 1048576, (h1 - h0) / 1024 / a
}'
exit "$rc"
