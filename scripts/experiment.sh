#!/usr/bin/env bash
# Runs an experiment's main class from the test sources: scripts/experiment.sh CLASS [args...]
# CLASS is a simple name in dev.switchboard.triage.classifier, or a fully qualified name.
# Example: scripts/experiment.sh EmbeddingBlendExperiment ../shared/data/banking77/train.csv text category
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
JAVA=$JAVA_HOME/bin/java
CLASS=$1
shift
[[ "$CLASS" == *.* ]] || CLASS="dev.switchboard.triage.classifier.$CLASS"
exec "$JAVA" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" "$CLASS" "$@"
