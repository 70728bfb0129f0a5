#!/usr/bin/env bash
# Ingestion throughput (/events/batch, 100-event batches, 8 clients) beside a raw COPY of the same rows, and
# current-usage latency with 10 vs 10,000 events, against the machine's PostgreSQL on 127.0.0.1:5432.
# Usage: bench/events.sh [batches]   (default 1000 batches = 100,000 events). Prints the figures for docs/benchmarks.md.
# BENCH_NICE=-10 (as root) runs Fjord, the client and every PostgreSQL backend of the bench database, the COPY's
# included, at that priority: on a machine shared with builds it approximates a dedicated one (say so when quoting).
nice=${BENCH_NICE:-0}
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
  nice -n "$nice" java -jar target/fjord.jar > target/bench-fjord.log 2>&1 &
fjord=$!
renicer=
trap 'kill $fjord $renicer 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done
if [ "$nice" != 0 ]; then
  # backends come and go (the pool grows, the COPY opens its own): renice them five times a second, found by their
  # process title ("postgres: 15/main: fjord fjord_bench 127.0.0.1(...)") without a connection of our own
  while sleep 0.2; do
    for backend in $(ps -eo pid=,args= | awk -v t="fjord $db " 'index($0, t) && /postgres: / {print $1}'); do
      renice -n "$nice" -p "$backend" >/dev/null 2>&1 || true
    done
  done &
  renicer=$!
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

FJORD_PID=$fjord nice -n "$nice" java -cp "$pgjdbc" bench/EventsBenchmark.java "http://localhost:$port" bench-key \
  "jdbc:postgresql://127.0.0.1:5432/$db" fjord fjord "$batches"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
