#!/usr/bin/env bash
# Runs a bench main class (not JMH) with the JVM flags the project needs, e.g.
#
#   bench/run-main.sh io.tahweel.bench.replication.ReplicationLatencyBench --rates 5000,20000
#   bench/run-main.sh io.tahweel.bench.replication.FailoverTimeBench --runs 5
#
# JAVA selects the JDK (default: java on PATH); BUILD=1 forces `mvn -q -B -DskipTests install` first
# (also done when the jar is missing). Child JVMs a bench starts get the same flags and classpath.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA:-java}"
JAR=bench/target/tahweel-bench-0.1.0-SNAPSHOT.jar
if [[ "${BUILD:-0}" == 1 || ! -f "$JAR" || ! -d bench/target/lib ]]; then
  mvn -q -B -DskipTests install
fi
# shellcheck source=bench/jvm-flags.sh
source bench/jvm-flags.sh
FLAGS=(-Xms4g -Xmx4g "${FLAGS[@]}")
CLASS="$1"
shift
echo "JDK: $("$JAVA" -version 2>&1 | head -1); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u)"
exec "$JAVA" "${FLAGS[@]}" -cp "$JAR:bench/target/lib/*" "$CLASS" "$@"
