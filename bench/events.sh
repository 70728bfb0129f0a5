#!/usr/bin/env bash
# Ingestion throughput (/events/batch, 100-event batches, 8 clients) beside a raw COPY of the same rows, and
# current-usage latency with 10 vs 10,000 events, against the machine's PostgreSQL on 127.0.0.1:5432.
# Usage: bench/events.sh [batches]   (default 1000 batches = 100,000 events). Prints the figures for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
batches=${1:-1000}
port=3918
db=fjord_bench
[ -f target/fjord.jar ] || ./mvnw -q package -DskipTests
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'fjord'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE fjord LOGIN PASSWORD 'fjord' CREATEDB\""
su postgres -c "dropdb --if-exists $db" && su postgres -c "createdb -O fjord $db"
pgjdbc=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -n 1)

SERVER_PORT=$port DATABASE_URL="postgresql://fjord:fjord@127.0.0.1:5432/$db" LAGO_ORG_API_KEY=bench-key \
  java -jar target/fjord.jar > target/bench-fjord.log 2>&1 &
fjord=$!
trap 'kill $fjord 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done

java -cp "$pgjdbc" bench/EventsBenchmark.java "http://localhost:$port" bench-key \
  "jdbc:postgresql://127.0.0.1:5432/$db" fjord fjord "$batches"
