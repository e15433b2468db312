#!/usr/bin/env bash
# Compares a JMH benchmark between a base revision and the working tree, runs alternating.
#
#   bench/compare.sh [--base REV] [--runs N] REGEX [extra JMH options...]
#
# e.g. bench/compare.sh --base main --runs 3 CoreAuthorizationBench -p mode=single-message -p window=524288
#
# Why: on a small shared VM the same code scores up to 2x apart from one JVM to the next (which of
# the core's tables stay in this guest's share of the L3 changes per JVM: bench/RESULTS.md,
# MemoryLatencyProbe). Only runs made next to each other, alternating, one fork each, compare
# code. This builds the bench jar of REV (default HEAD) in a temporary worktree and of the working
# tree, copies both aside, runs base/new, new/base, ... N rounds (default 3), and prints every
# score with the load average before it, then the median of each side and their ratio when each
# run gives one score. JMH_OPTS sets the per-run JMH settings (default: the short ones of
# bench/run-jmh.sh). JAVA selects the JDK. Nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=HEAD
RUNS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --base) BASE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
if [[ $# -lt 1 ]]; then
  echo "usage: bench/compare.sh [--base REV] [--runs N] REGEX [extra JMH options...]" >&2
  exit 2
fi
REGEX="$1"
shift

JAVA="${JAVA:-java}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}"
WORK="$(mktemp -d -t tahweel-compare.XXXXXX)"
trap 'git worktree remove --force "$WORK/base-tree" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

build() # $1 = source tree, $2 = where to copy the bench jar and its libs
{
  (cd "$1" && mvn -B -q -o -DskipTests package -pl bench -am >"$WORK/build.log" 2>&1) ||
    { cat "$WORK/build.log" >&2; exit 1; }
  mkdir -p "$2"
  cp -r "$1/bench/target/tahweel-bench-0.1.0-SNAPSHOT.jar" "$1/bench/target/lib" "$2/"
}

echo "base: $(git rev-parse --short "$BASE") ($BASE); new: working tree of $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' + uncommitted changes')"
git worktree add --detach "$WORK/base-tree" "$BASE" >/dev/null 2>&1
build "$WORK/base-tree" "$WORK/base"
git worktree remove --force "$WORK/base-tree" >/dev/null 2>&1
build "." "$WORK/new"

# shellcheck source=bench/jvm-flags.sh
source bench/jvm-flags.sh
FORK_ARGS=()
if [[ "$JDK_FEATURE" -ge 24 ]]; then
  FORK_ARGS=(-jvmArgsAppend "-Xms2g -Xmx2g ${FLAGS[*]}")
fi
echo "JDK: $("$JAVA" -version 2>&1 | head -1); machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "JMH: $REGEX $JMH_OPTS $*"

run() # $1 = base|new; prints "<side> <load> <result line>" for each result line
{
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  # shellcheck disable=SC2086
  "$JAVA" "${FLAGS[@]}" -cp "$WORK/$1/tahweel-bench-0.1.0-SNAPSHOT.jar:$WORK/$1/lib/*" org.openjdk.jmh.Main \
    "$REGEX" $JMH_OPTS "${FORK_ARGS[@]}" "$@" -rf csv -rff "$WORK/$1.csv" >"$WORK/$1.log" 2>&1 ||
    { tail -20 "$WORK/$1.log" >&2; exit 1; }
  # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
  tail -n +2 "$WORK/$1.csv" | while IFS= read -r line; do
    echo "$1 $(date -u +%H:%M:%S) load=$load $line" | tee -a "$WORK/scores"
  done
}

for ((round = 1; round <= RUNS; round++)); do
  if ((round % 2 == 1)); then run base "$@"; run new "$@"; else run new "$@"; run base "$@"; fi
done

lines_per_run=$(($(wc -l <"$WORK/scores") / (2 * RUNS)))
if [[ "$lines_per_run" -eq 1 ]]; then
  median() { awk -F, -v side="$1" '$0 ~ "^"side" " {print $5}' "$WORK/scores" | sort -g |
    awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
  b="$(median base)"
  n="$(median new)"
  awk -v b="$b" -v n="$n" -v runs="$RUNS" \
    'BEGIN {printf "median of %d runs: base %.0f, new %.0f, new/base %.2fx\n", runs, b, n, n / b}'
else
  echo "several results per run (one per parameter combination): compare the lines above side by side"
fi
