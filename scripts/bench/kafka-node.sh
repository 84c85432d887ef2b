# Sourced by the bench scenarios of a Kafka node: starts scripts/kafka-local.sh's broker unless it is running
# and creates a fresh PostgreSQL database (PGHOST, default 127.0.0.1, user postgres) named sb_<DB_PREFIX>_<time>.
# Sets STAMP (the time), DB, and KAFKA_FLAGS: the server flags of a node on that broker (KAFKA_PORT, default
# 9092) and database, with topics of its own. drop_db removes the database.
PGHOST=${PGHOST:-127.0.0.1}
STAMP=$(date +%Y%m%d%H%M%S)
scripts/kafka-local.sh status >/dev/null 2>&1 || scripts/kafka-local.sh start
DB=sb_${DB_PREFIX:-bench}_$STAMP
psql -h "$PGHOST" -U postgres -qc "CREATE DATABASE $DB" postgres
KAFKA_FLAGS="--switchboard.backbone=kafka --spring.kafka.bootstrap-servers=127.0.0.1:${KAFKA_PORT:-9092}
  --switchboard.backbone.topic-prefix=${DB_PREFIX:-bench}$STAMP. --spring.datasource.url=jdbc:postgresql://$PGHOST:5432/$DB
  --spring.datasource.username=postgres --spring.datasource.password=postgres"
KAFKA_FLAGS=$(echo $KAFKA_FLAGS)
drop_db() {
  psql -h "$PGHOST" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres >/dev/null 2>&1 || true
}
