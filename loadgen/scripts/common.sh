# Shared by the benchmark scripts of issue [7]: starting the marketplace, reading a JVM's CPU, heap and RSS.
# Sourced, not run. Ports are the agents' load engineer's own (never 8080/9090).
java=${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java
flags=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
market_jar=marketplace-api/target/assay-marketplace.jar
loadgen_jar=loadgen/target/assay-loadgen.jar
http=${ASSAY_LOAD_HTTP_PORT:-18280}
grpc=${ASSAY_LOAD_GRPC_PORT:-19290}
bare_port=${ASSAY_LOAD_BARE_PORT:-19291}
api=http://127.0.0.1:$http
[[ -f $market_jar && -f $loadgen_jar ]] || { echo "build first: ./assay build" >&2; exit 1; }

# Starts the marketplace (embedded: H2 in $1/data, no demo fleet, no demo renters, metering off, heartbeats
# every 10 s, operator key $2; extra JVM options from ASSAY_LOAD_MARKET_JAVA_OPTS); sets $market to its pid.
start_marketplace() {
  ASSAY_DATA_DIR=$1/data ASSAY_HTTP_PORT=$http ASSAY_GRPC_PORT=$grpc ASSAY_DEMO_FLEET_SIZE=0 \
    ASSAY_DEMO_RENTERS=false ASSAY_METERING_ENABLED=false ASSAY_AGENT_HEARTBEAT=10s ASSAY_OPERATOR_KEY=$2 \
    "$java" "${flags[@]}" ${ASSAY_LOAD_MARKET_JAVA_OPTS:-} -jar "$market_jar" >"$1/market.log" 2>&1 &
  market=$!
  for _ in $(seq 1 240); do curl -sf "$api/health" >/dev/null && return 0; sleep 0.5; done
  tail -30 "$1/market.log" >&2
  return 1
}

# Sum of every series whose line starts with $1 (a literal prefix, labels included if given).
metric() { curl -sf "$api/prometheus" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%.0f", s}'; }
# Heap in use after a full GC, KiB (jstat: survivors + eden + old used), the same way for every JVM measured.
heap_kib() {
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null 2>&1 || true
  sleep 1
  "$JAVA_HOME/bin/jstat" -gc "$1" | awk 'NR == 2 {printf "%.0f", $3 + $4 + $6 + $8}'
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Waits (up to $3 seconds) for a line matching $2 in file $1; fails if it does not come.
await_line() {
  for _ in $(seq 1 $(($3 * 5))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  return 1
}
say_where() { echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores; load average:$(uptime | sed 's/.*load average://'); ulimit -n $(ulimit -n)"; }
