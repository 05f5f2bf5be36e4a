#!/bin/sh
# Classifies 10,000 synthetic items with the shipped models and prints items per second and the
# total time after start-up, beside the RuleClassifier (the peer) in the same run, with the ratio.
# Usage: bench/classify/run.sh   (from the repository root)
#        bench/classify/run.sh --phrases   (PhraseScan beside 21 String.contains, see PhraseBench.java)
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o package -DskipTests
out=target/bench-classify
mkdir -p "$out"
javac -d "$out" -cp target/trendpress.jar bench/classify/ClassifyBench.java bench/classify/PhraseBench.java
if [ "${1:-}" = "--phrases" ]; then
  java -cp "$out:target/trendpress.jar" org.trendpress.classify.PhraseBench
else
  java -cp "$out:target/trendpress.jar" ClassifyBench "$@"
fi
