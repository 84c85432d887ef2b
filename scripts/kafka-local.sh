#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft: broker and controller in one process) on 127.0.0.1:9092,
# from Maven Central jars, for development, the cluster test and benchmarks. Switchboard itself never
# needs it on the embedded default.
#
#   scripts/kafka-local.sh start    # copies the jars once (tools/kafka), formats the log folder once, starts
#   scripts/kafka-local.sh stop     # stops it (the data stays; `clean` removes it)
#   scripts/kafka-local.sh status | clean
#
# KAFKA_LOCAL_DIR (default target/kafka-local) holds the data and the log, and the jars unless
# KAFKA_LIB_DIR names another folder for them; KAFKA_PORT (9092) and KAFKA_CONTROLLER_PORT (9093) move the
# listeners.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${KAFKA_LOCAL_DIR:-$repo/target/kafka-local}"
port="${KAFKA_PORT:-9092}"
controller="${KAFKA_CONTROLLER_PORT:-9093}"
pidfile="$dir/kafka.pid"
lib="${KAFKA_LIB_DIR:-$dir/lib}"

pick_java() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      local version
      version="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
      if [ "${version%%.*}" -ge 17 ]; then
        echo "$candidate/bin/java"
        return
      fi
    fi
  done
  command -v java
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

start() {
  if running; then
    echo "kafka-local: already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
    return
  fi
  mkdir -p "$dir"
  if [ ! -f "$lib/.copied" ]; then
    echo "kafka-local: copying the broker's jars from Maven Central (once)"
    JAVA_HOME="$(dirname "$(dirname "$(pick_java)")")" "$repo/mvnw" -q -B -f "$repo/tools/kafka/pom.xml" \
      dependency:copy-dependencies -DoutputDirectory="$lib"
    touch "$lib/.copied"
  fi
  local java
  java="$(pick_java)"
  cat > "$dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=12
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPERTIES
  cat > "$dir/log4j2.properties" <<LOG4J
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$dir/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=%d{ISO8601} %-5p %c{1} - %m%n
logger.server.name=kafka.server
logger.server.level=INFO
LOG4J
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster
    cluster="$("$java" -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$lib/*" kafka.tools.StorageTool random-uuid)"
    "$java" -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" --standalone >/dev/null 2>&1 \
      || "$java" -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" >/dev/null
  fi
  nohup "$java" -Xmx1g -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" > "$dir/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "kafka-local: running (pid $(cat "$pidfile")) on 127.0.0.1:$port; data and log in $dir"
      return
    fi
    if ! running; then
      echo "kafka-local: the broker stopped; see $dir/stdout.log and $dir/server.log" >&2
      tail -n 20 "$dir/stdout.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  echo "kafka-local: the broker did not listen on 127.0.0.1:$port within 60 s; see $dir/server.log" >&2
  exit 1
}

stop() {
  if ! running; then
    echo "kafka-local: not running"
    rm -f "$pidfile"
    return
  fi
  local pid
  pid="$(cat "$pidfile")"
  kill "$pid"
  for _ in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      echo "kafka-local: stopped"
      return
    fi
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  echo "kafka-local: killed after 30 s"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; else echo "not running"; exit 3; fi ;;
  clean) stop; rm -rf "$dir/data" "$dir"/*.log; echo "kafka-local: data removed" ;;
  *) echo "usage: $0 start|stop|status|clean" >&2; exit 2 ;;
esac
