#!/usr/bin/env bash
# The REST search benchmark of docs/benchmarks.md (issue [7]), one command (after ./assay build):
#
#   loadgen/scripts/rest-search.sh HOSTS SECONDS RENTERS[,RENTERS...]
#
# 1. starts the embedded marketplace (H2 in a temporary directory) with HOSTS SIMULATED demo hosts, the
#    per-key rate limit raised out of the way (this measures search, not the limiter) and the demo's own
#    SIMULATED renters off, and waits until GET /v1/offers reports the hosts;
# 2. captures one answer of the benchmark's query (QUERY below) to a file;
# 3. for each renter count: assay-loadgen --renters R --mix search=1 --query QUERY against the marketplace;
# 4. stops it, starts assay-loadgen bare-search-server (bare Micronaut answering the captured bytes) and runs
#    the same loads against it;
# 5. prints, per run, searches per second, latency, the server's CPU (from /proc/<pid>/stat) and uptime's load,
#    and the ratio marketplace / bare.
#
# The load generator runs on the same machine (and cores) as the server, in both runs alike.
# Ports: HTTP ${PORT:-18380}, gRPC ${GRPC_PORT:-19390}, the bare server ${BARE_PORT:-18381}.
set -euo pipefail

HOSTS="${1:?usage: rest-search.sh HOSTS SECONDS RENTERS[,RENTERS...]}"
SECONDS_PER_RUN="${2:?usage: rest-search.sh HOSTS SECONDS RENTERS[,RENTERS...]}"
RENTER_COUNTS="${3:?usage: rest-search.sh HOSTS SECONDS RENTERS[,RENTERS...]}"
QUERY="${QUERY:-gpu_ram>=24 reliability>0.9 verified=true order by value desc limit 20}"
# CATALOGUE=1: each renter draws from the loadgen's 64 seeded queries instead of repeating QUERY (no answer is
# then served twice from the same market snapshot's JSON); the bare server still answers QUERY's bytes.
if [[ "${CATALOGUE:-0}" == 1 ]]; then QUERY_ARGS=(); else QUERY_ARGS=(--query "$QUERY"); fi
PORT="${PORT:-18380}"
GRPC_PORT="${GRPC_PORT:-19390}"
BARE_PORT="${BARE_PORT:-18381}"
BARE_FLAGS="${BARE_FLAGS:-}"            # e.g. --blocking: answer on the blocking executor like marketplace-api
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"  # a JIT warm-up load before each server's measured runs (not reported)

SCRIPT=rest-search
source "$(dirname "${BASH_SOURCE[0]}")/rest-common.sh"
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK/data"
}
trap cleanup EXIT

CLK_TCK="$(getconf CLK_TCK)"
# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the name may hold spaces).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

loadgen() { "$JAVA" "${JVM_FLAGS[@]}" -jar "$LOADGEN_JAR" "$@"; }

# Runs one measured load against the server $SERVER_PID at $1, labelled $2 with R renters $3; prints the
# loadgen's table and one summary line, and appends the summary to $WORK/summary.
measure() {
  local api="$1" label="$2" renters="$3" before after json="$WORK/$2-$3.json"
  before="$(cpu_ticks "$SERVER_PID")"
  local t0 t1
  t0="$(date +%s.%N)"
  loadgen --api "$api" --renters "$renters" --mix search=1 "${QUERY_ARGS[@]}" --seconds "$SECONDS_PER_RUN" \
    --seed 7 --json "$json" | sed 's/^/    /' || true   # errors are in the report; the other runs still run
  t1="$(date +%s.%N)"
  after="$(cpu_ticks "$SERVER_PID")"
  local per_second p50 p99 errors cores load client
  per_second="$(sed -n '/"search"/,/}/s/.*"per_second" : \([0-9.]*\).*/\1/p' "$json")"
  p50="$(sed -n '/"search"/,/}/s/.*"p50_ms" : \([0-9.]*\).*/\1/p' "$json")"
  p99="$(sed -n '/"search"/,/}/s/.*"p99_ms" : \([0-9.]*\).*/\1/p' "$json")"
  errors="$(sed -n '/"search"/,/}/s/.*"errors" : \([0-9]*\).*/\1/p' "$json")"
  cores="$(awk -v a="$after" -v b="$before" -v hz="$CLK_TCK" -v t0="$t0" -v t1="$t1" \
      'BEGIN { printf "%.2f", (a - b) / hz / (t1 - t0) }')"
  load="$(uptime | sed 's/.*load average: //')"
  client="$(sed -n 's/.*"loadgen_cpu_cores" : \([0-9.]*\).*/\1/p' "$json")"
  printf '%-12s renters %4d: %9s searches/s  p50 %7s ms  p99 %7s ms  errors %s  server CPU %s cores over %s s  loadgen CPU %s cores  load %s\n' \
    "$label" "$renters" "$per_second" "$p50" "$p99" "${errors:-0}" "$cores" \
    "$(awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", t1 - t0 }')" "${client:-?}" "$load" | tee -a "$WORK/summary"
  echo "$label $renters $per_second" >> "$WORK/rates"
}

warm_up() {
  loadgen --api "$1" --renters 16 --mix search=1 "${QUERY_ARGS[@]}" --seconds "$WARMUP_SECONDS" --seed 1 >/dev/null || true
}

echo "rest-search: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  uptime:$(uptime)"
echo "rest-search: $HOSTS hosts, $SECONDS_PER_RUN s per run, renters $RENTER_COUNTS, query: $( ((${#QUERY_ARGS[@]})) && echo "$QUERY" || echo "the 64-query catalogue")"

# 1. The marketplace.
OPERATOR_KEY="rest-search-operator-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
mkdir -p "$WORK/data"
ASSAY_DATA_DIR="$WORK/data" ASSAY_HTTP_PORT="$PORT" ASSAY_GRPC_PORT="$GRPC_PORT" \
ASSAY_DEMO_FLEET_SIZE="$HOSTS" ASSAY_DEMO_RENTERS=false ASSAY_OPERATOR_KEY="$OPERATOR_KEY" \
ASSAY_RATE_LIMIT_PER_SECOND=1000000 ASSAY_RATE_LIMIT_BURST=1000000 \
  "$JAVA" "${JVM_FLAGS[@]}" ${ASSAY_JAVA_OPTS:-} -jar "$API_JAR" > "$WORK/marketplace.log" 2>&1 &
SERVER_PID=$!
API="http://127.0.0.1:$PORT"
started="$(date +%s)"
until [[ "$(curl -s -H "Authorization: Bearer $OPERATOR_KEY" "$API/v1/gpu-types" 2>/dev/null | grep -o '"listed_offers":[0-9]*' | cut -d: -f2 \
            | paste -sd+ - | bc 2>/dev/null)" == "$HOSTS" ]]; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "rest-search: the marketplace stopped; see $WORK/marketplace.log" >&2; tail -20 "$WORK/marketplace.log" >&2; exit 1; }
  (( $(date +%s) - started < 600 )) || { echo "rest-search: $HOSTS hosts not listed after 600 s" >&2; exit 1; }
  sleep 1
done
echo "rest-search: the marketplace lists $HOSTS hosts after $(( $(date +%s) - started )) s (pid $SERVER_PID)"

# 2. One answer of the query: the bare server sends exactly these bytes.
curl -s -G -H "Authorization: Bearer $OPERATOR_KEY" "$API/v1/offers" --data-urlencode "q=$QUERY" -o "$WORK/answer.json"
echo "rest-search: the answer is $(wc -c < "$WORK/answer.json") bytes, $(grep -o '"total_matched":[0-9]*' "$WORK/answer.json")"

# 3. The marketplace under the renters' searches.
warm_up "$API"
for r in ${RENTER_COUNTS//,/ }; do
  measure "$API" marketplace "$r"
done
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

# 4. The bare Micronaut server with the same bytes.
"$JAVA" "${JVM_FLAGS[@]}" -jar "$LOADGEN_JAR" bare-search-server --port "$BARE_PORT" --body "$WORK/answer.json" \
  $BARE_FLAGS > "$WORK/bare.log" 2>&1 &
SERVER_PID=$!
BARE="http://127.0.0.1:$BARE_PORT"
until curl -sf -o /dev/null "$BARE/v1/offers"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "rest-search: the bare server stopped; see $WORK/bare.log" >&2; exit 1; }
  sleep 0.5
done
warm_up "$BARE"
for r in ${RENTER_COUNTS//,/ }; do
  measure "$BARE" bare "$r"
done

# 5. Side by side.
echo
echo "rest-search: summary ($HOSTS hosts, query: $( ((${#QUERY_ARGS[@]})) && echo "$QUERY" || echo "the 64-query catalogue"))"
cat "$WORK/summary"
for r in ${RENTER_COUNTS//,/ }; do
  awk -v r="$r" '$2 == r { rate[$1] = $3 } END {
      if (rate["bare"] > 0) printf "renters %4d: marketplace / bare = %.2f\n", r, rate["marketplace"] / rate["bare"] }' "$WORK/rates"
done
echo "rest-search: reports kept in $WORK"
