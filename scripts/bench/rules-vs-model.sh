#!/usr/bin/env bash
# Rules alone versus rules plus the model, on the same labeled tickets: misroute rate and agent idle
# time side by side. From one labeled CSV and one split (--holdout 0.2 --seed 13): keyword rules are
# drafted from the training part (draft-rules), a model is trained on the same part (train), and the
# held-out part is replayed (bench --holdout) against two fresh servers with the same rules, the second
# with the model too. Results in bench-results/rules-vs-model-<time>/{rules,model}/.
# Usage: scripts/bench/rules-vs-model.sh [CSV TEXT_COLUMNS LABEL_COLUMN]
#   default: ../shared/data/banking77/train.csv text category. RATE (100), DURATION (60), AGENTS (50).
# Each server is warmed up first (a discarded 20 s run, as the JIT compiles the hot paths).
set -euo pipefail
cd "$(dirname "$0")/../.."
CSV=${1:-../shared/data/banking77/train.csv}
TEXT=${2:-text}
LABEL=${3:-category}
RATE=${RATE:-100}
DURATION=${DURATION:-60}
AGENTS=${AGENTS:-50}
OUT=bench-results/rules-vs-model-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
source scripts/lib/jdk.sh
source scripts/lib/jar.sh
JAR=$(packaged_jar)
SPLIT=(--holdout 0.2 --seed 13)

# The rules a team would draft from its tickets: words that mostly mean one category (40 %), up to 12 each.
"$JAVA_HOME/bin/java" -jar "$JAR" draft-rules --data "$CSV" --text-columns "$TEXT" --label-column "$LABEL" "${SPLIT[@]}" \
  --min-precision 0.4 --words 12 --out "$OUT/rules.yml" | tee "$OUT/rules-offline.txt"
"$JAVA_HOME/bin/java" -jar "$JAR" train --data "$CSV" --text-columns "$TEXT" --label-column "$LABEL" "${SPLIT[@]}" \
  --out "$OUT/model.zip" 2> "$OUT/train.log" | tee "$OUT/model-offline.txt"

run() { # name, extra server flags
  (
    SERVER_FLAGS="--switchboard.triage.rules-file=$PWD/$OUT/rules.yml $2"
    source scripts/bench/server.sh
    bench --rate "$RATE" --duration 20 --agents "$AGENTS" --data "$CSV" --text-columns "$TEXT" --label-column "$LABEL" \
      "${SPLIT[@]}" --out "$OUT/$1-warm-up" > /dev/null 2>&1 || true
    bench --rate "$RATE" --duration "$DURATION" --agents "$AGENTS" --data "$CSV" --text-columns "$TEXT" \
      --label-column "$LABEL" "${SPLIT[@]}" --out "$OUT/$1" > "$OUT/$1.txt" 2>&1 || true
    echo "$1: $(figures "$OUT/$1")"
  )
}
run rules "" || true
run model "--switchboard.triage.model-file=$PWD/$OUT/model.zip"
echo "results: $OUT"
