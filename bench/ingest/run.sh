#!/usr/bin/env bash
# The ingest benchmark of issue 3 (see bench/README.md). Run from anywhere:
#   bench/ingest/run.sh [--sources N] [--items N] [--reps N] [--cycles N] [--warmup N] [--profile] [--keep]
# Builds the jar, compiles the bench classes against it, installs python3-feedparser if missing,
# and runs the benchmark in a JVM capped at 256 MB of heap, with the options the application is run
# with (config/jvm.options). Figures go to standard output; the
# application's own log lines go to target/bench-ingest.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

# python3-feedparser (Debian package), for the comparison; the Debian interpreter when the one on
# PATH (pyenv, venv) does not see it.
PYTHON=python3
if ! "$PYTHON" -c 'import feedparser' 2>/dev/null; then
  if /usr/bin/python3 -c 'import feedparser' 2>/dev/null; then
    PYTHON=/usr/bin/python3
  else
    echo "installing python3-feedparser with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq python3-feedparser >/dev/null || true
    if /usr/bin/python3 -c 'import feedparser' 2>/dev/null; then PYTHON=/usr/bin/python3; fi
  fi
fi

mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests

rm -rf target/bench-classes
mkdir -p target/bench-classes
javac --release 17 -nowarn -cp target/trendpress.jar -d target/bench-classes bench/ingest/*.java

status=0
# BENCH_JVM_OPTS: extra JVM options for an experiment (e.g. "-XX:-UseParallelGC -XX:+UseG1GC"); empty by default
# shellcheck disable=SC2086
java -Xmx256m @config/jvm.options -XX:FlightRecorderOptions:stackdepth=256 ${BENCH_JVM_OPTS:-} \
  -cp target/trendpress.jar:target/bench-classes IngestBench --python "$PYTHON" "$@" 2> target/bench-ingest.log \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "benchmark failed (exit $status); last lines of target/bench-ingest.log:" >&2
  tail -n 20 target/bench-ingest.log >&2
fi
exit "$status"
