#!/usr/bin/env bash
# Runs JMH benchmarks from the test sources: scripts/jmh.sh [benchmark regex] [JMH options...]
# Example: scripts/jmh.sh ClassifierBenchmark -jvmArgs -Ddata=../shared/data/banking77/train.csv
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
JAVA=$JAVA_HOME/bin/java
exec "$JAVA" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main "$@"
