#!/usr/bin/env bash
# Pod creation end to end (issue [7]): starts the marketplace (embedded, operator key set), connects AGENTS SIMULATED
# agents (default 50), of which 4 host pods with a listed offer of 2 GPUs, and a renter creates ROUNDS pods
# (default 300) over SECONDS (default 60), pinned to those hosts. Operation pod_create_e2e is POST /v1/pods sent →
# the host's agent receiving StartPod with that pod's id. Baselines, timed by the same client in the same run:
# rest_trivial (GET /v1/version without a key, just before each round: this client's bare REST round trip to
# this marketplace) and heartbeat (Heartbeat → HeartbeatAck on the agents' streams: the bare gRPC delivery cost).
# Usage (from anywhere, after ./assay build): loadgen/scripts/pod-e2e.sh [ROUNDS] [SECONDS] [AGENTS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds=${1:-300}
seconds=${2:-60}
agents=${3:-50}
source loadgen/scripts/common.sh
work=$(mktemp -d)
market=""
trap 'kill $market 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
say_where
operator_key=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
start_marketplace "$work" "$operator_key"
rc=0
"$java" "${flags[@]}" -jar "$loadgen_jar" --api "$api" --grpc "127.0.0.1:$grpc" --agents "$agents" \
  --seconds "$seconds" --pod-rounds "$rounds" --pod-hosts 4 --operator-key "$operator_key" \
  --json "$work/pods.json" || rc=$?
j() { jq -r "$1" "$work/pods.json"; }
echo "## pod creation end to end: $(j .operations.pod_create_e2e.count) pods, $(j .operations.pod_create_e2e.errors) errors"
printf "%-44s %9s %9s %9s\n" "" "p50 ms" "p99 ms" "max ms"
for op in pod_create_e2e pod_create_rest rest_trivial heartbeat pod_stop; do
  printf "%-44s %9s %9s %9s\n" "$op" "$(j .operations.$op.p50_ms)" "$(j .operations.$op.p99_ms)" "$(j .operations.$op.max_ms)"
done
awk -v e="$(j .operations.pod_create_e2e.p99_ms)" -v r="$(j .operations.rest_trivial.p99_ms)" \
  'BEGIN {printf "pod_create_e2e p99 / rest_trivial p99 = %.1f\n", (r > 0 ? e / r : 0)}'
say_where
exit "$rc"
