#!/usr/bin/env bash
# Runs Tahweel JMH benchmarks with the JVM flags the project needs.
#
#   bench/run-jmh.sh [REGEX] [extra JMH options...]
#
# REGEX defaults to all benchmarks. Default JMH settings are the short ones used for
# bench/RESULTS.md (override with JMH_OPTS, e.g. JMH_OPTS="-f 2 -wi 5 -i 10"):
#   -f 1 -wi 3 -w 2s -i 5 -r 2s
# Extra options are passed on, e.g. -prof gc, -p mode=single-message, -rf json -rff out.json.
# JAVA selects the JDK (default: java on PATH), e.g.
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/run-jmh.sh CoreAuthorizationBench
# BUILD=1 forces `mvn -o -q -B -DskipTests install` first (also done when the jar is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA:-java}"
JAR=bench/target/tahweel-bench-0.1.0-SNAPSHOT.jar
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}"

if [[ "${BUILD:-0}" == 1 || ! -f "$JAR" || ! -d bench/target/lib ]]; then
  mvn -o -q -B -DskipTests install
fi

# shellcheck source=bench/jvm-flags.sh
source bench/jvm-flags.sh

# The benchmarks carry the flags in @Fork(jvmArgsAppend). JDK 24+ also needs two more; a
# command-line -jvmArgsAppend replaces the annotation's, so pass the whole set.
FORK_ARGS=()
if [[ "$JDK_FEATURE" -ge 24 ]]; then
  FORK_ARGS=(-jvmArgsAppend "-Xms2g -Xmx2g ${FLAGS[*]}")
fi

REGEX="${1:-.*}"
shift || true

echo "JDK: $("$JAVA" -version 2>&1 | head -1) ($(command -v "$JAVA" || echo "$JAVA"))"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u)"
# shellcheck disable=SC2086
exec "$JAVA" "${FLAGS[@]}" -cp "$JAR:bench/target/lib/*" org.openjdk.jmh.Main "$REGEX" $JMH_OPTS "${FORK_ARGS[@]}" "$@"
