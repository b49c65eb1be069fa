# Shared by rest-search.sh and rest-mix.sh: the jars, a JDK 25 check, and a work folder. Sourced, not run;
# the sourcing script sets SCRIPT (its name, for messages) first.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
API_JAR="$ROOT/marketplace-api/target/assay-marketplace.jar"
LOADGEN_JAR="$ROOT/loadgen/target/assay-loadgen.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_FLAGS=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
(( ${java_major:-0} >= 25 )) || { echo "$SCRIPT: needs JDK 25+, $JAVA is ${java_major:-unknown}: set JAVA_HOME" >&2; exit 1; }
for jar in "$API_JAR" "$LOADGEN_JAR"; do
  [[ -f "$jar" ]] || { echo "$SCRIPT: $jar is missing: run ./assay build first" >&2; exit 1; }
done
WORK="$(mktemp -d "${TMPDIR:-/tmp}/assay-$SCRIPT.XXXXXX")"
SERVER_PID=""
