#!/usr/bin/env bash
# The renters' mixed load of docs/benchmarks.md (issue [7]), one command (after ./assay build):
#
#   loadgen/scripts/rest-mix.sh HOSTS SECONDS RENTERS [MIX]
#
# Starts the embedded marketplace (H2 in a temporary directory) with HOSTS SIMULATED demo hosts, its DEFAULT
# per-key rate limits (20/s, burst 40: a 429 shows up as rate_limited) and an operator key, so the renters are
# credited and rent, stop and bid for real; runs assay-loadgen --renters RENTERS with MIX (default: the
# loadgen's own mix, search=70,offer=10,create_pod=8,stop_pod=7,bid=5) for SECONDS; then checks that the
# marketplace still answers a search within 5 s, counts the ERROR lines of its log, and stops it.
# Ports: HTTP ${PORT:-18380}, gRPC ${GRPC_PORT:-19390}.
set -euo pipefail

HOSTS="${1:?usage: rest-mix.sh HOSTS SECONDS RENTERS [MIX]}"
SECONDS_PER_RUN="${2:?usage: rest-mix.sh HOSTS SECONDS RENTERS [MIX]}"
RENTERS="${3:?usage: rest-mix.sh HOSTS SECONDS RENTERS [MIX]}"
MIX="${4:-search=70,offer=10,create_pod=8,stop_pod=7,bid=5}"
PORT="${PORT:-18380}"
GRPC_PORT="${GRPC_PORT:-19390}"

SCRIPT=rest-mix
source "$(dirname "${BASH_SOURCE[0]}")/rest-common.sh"
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK/data"
}
trap cleanup EXIT

echo "rest-mix: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  uptime:$(uptime)"
echo "rest-mix: $HOSTS hosts, $RENTERS renters, $SECONDS_PER_RUN s, mix $MIX, default rate limits"
OPERATOR_KEY="rest-mix-operator-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
mkdir -p "$WORK/data"
ASSAY_DATA_DIR="$WORK/data" ASSAY_HTTP_PORT="$PORT" ASSAY_GRPC_PORT="$GRPC_PORT" \
ASSAY_DEMO_FLEET_SIZE="$HOSTS" ASSAY_DEMO_RENTERS=false ASSAY_OPERATOR_KEY="$OPERATOR_KEY" \
  "$JAVA" "${JVM_FLAGS[@]}" ${ASSAY_JAVA_OPTS:-} -jar "$API_JAR" > "$WORK/marketplace.log" 2>&1 &
SERVER_PID=$!
API="http://127.0.0.1:$PORT"
started="$(date +%s)"
until [[ "$(curl -s -H "Authorization: Bearer $OPERATOR_KEY" "$API/v1/gpu-types" 2>/dev/null \
            | grep -o '"listed_offers":[0-9]*' | cut -d: -f2 | paste -sd+ - | bc 2>/dev/null)" == "$HOSTS" ]]; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "rest-mix: the marketplace stopped; see $WORK/marketplace.log" >&2; exit 1; }
  (( $(date +%s) - started < 600 )) || { echo "rest-mix: $HOSTS hosts not listed after 600 s" >&2; exit 1; }
  sleep 1
done
echo "rest-mix: the marketplace lists $HOSTS hosts (pid $SERVER_PID)"

"$JAVA" "${JVM_FLAGS[@]}" -jar "$LOADGEN_JAR" --api "$API" --renters "$RENTERS" --mix "$MIX" \
  --seconds "$SECONDS_PER_RUN" --operator-key "$OPERATOR_KEY" --seed 11 --json "$WORK/report.json" || true
echo "rest-mix: after the run: uptime:$(uptime)"
if status="$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $OPERATOR_KEY" "$API/v1/offers?q=limit%201")" \
    && [[ "$status" == 200 ]]; then
  echo "rest-mix: the marketplace still answers a search (200)"
else
  echo "rest-mix: the marketplace does NOT answer a search within 5 s (${status:-no answer})"
  command -v jcmd >/dev/null && jcmd "$SERVER_PID" Thread.dump_to_file "$WORK/threads.txt" >/dev/null 2>&1 \
    && echo "rest-mix: its threads: $WORK/threads.txt"
fi
echo "rest-mix: marketplace log: $(grep -c ' ERROR ' "$WORK/marketplace.log" || true) ERROR lines; the first kinds:"
grep ' ERROR ' "$WORK/marketplace.log" | cut -c25- | sed 's/correlation id .*/correlation id …/' | cut -c1-200 \
  | sort | uniq -c | sort -rn | head -8 || true
echo "rest-mix: log and report kept in $WORK"
