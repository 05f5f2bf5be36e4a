#!/bin/sh
# Renders one full-size issue (10 papers, 8 news, the topic chart) and prints the median render
# time after warm-up; then personalises it for 100,000 recipients and prints messages per second
# beside a plain StringBuilder substitution in the same run, the ratio and PASS/MISS (target
# >= 0.5x); then the rate of whole MIME messages (10,000 by default), for information.
# Usage: bench/render/run.sh [recipients [mime-messages]]   (from the repository root)
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o package -DskipTests
out=target/bench-render
mkdir -p "$out"
javac -d "$out" -cp target/trendpress.jar src/test/java/org/trendpress/render/FullSizeIssue.java \
  bench/render/RenderBench.java
java -Djava.awt.headless=true -cp "$out:target/trendpress.jar" org.trendpress.dispatch.RenderBench "$@"
