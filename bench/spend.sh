#!/usr/bin/env bash
# Spend-authorization latency at a fixed rate (default 500 req/s, 20 s) next to a baseline measured in the same run
# (/actuator/health/liveness at the same rate, alternating 5-s blocks), while 2 clients ingest events at a fixed rate
# (default 1,000 events/s), against the machine's PostgreSQL on 127.0.0.1:5432. Prints client-side and server-side
# (Tomcat %D) percentiles and the machine's load before and after.
# Usage: bench/spend.sh [requests per second] [seconds per kind] [events per second]
# FJORD_JAVA_OPTS and BENCH_JAVA_OPTS set the JVM flags of Fjord and of the load generator. BENCH_NICE=-10 runs Fjord,
# its PostgreSQL backends and the load generator at that priority: on a machine shared with builds, it approximates a
# dedicated one (say so when you quote such a run).
nice=${BENCH_NICE:-0}
set -euo pipefail
cd "$(dirname "$0")/.."
port=3919
db=fjord_bench_spend
[ -f target/fjord.jar ] || ./mvnw -q package -DskipTests
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'fjord'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE fjord LOGIN PASSWORD 'fjord' CREATEDB\""
su postgres -c "dropdb --if-exists $db" && su postgres -c "createdb -O fjord $db"
rm -f target/bench-access*.log
echo "load before: $(uptime)"
# Tomcat's access log (%D = microseconds inside the server) gives Fjord's own latency, apart from the client's.
# shellcheck disable=SC2086
SERVER_PORT=$port DATABASE_URL="postgresql://fjord:fjord@127.0.0.1:5432/$db" LAGO_ORG_API_KEY=bench-key \
  nice -n "$nice" java ${FJORD_JAVA_OPTS:-} -jar target/fjord.jar --server.tomcat.accesslog.enabled=true \
  --server.tomcat.accesslog.directory="$PWD/target" \
  --server.tomcat.accesslog.prefix=bench-access --server.tomcat.accesslog.suffix=.log \
  --server.tomcat.accesslog.rotate=false --server.tomcat.accesslog.buffered=true \
  '--server.tomcat.accesslog.pattern=%D %U%q' > target/bench-spend.log 2>&1 &
fjord=$!
trap 'kill $fjord 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done
if [ "$nice" != 0 ]; then
  for backend in $(su postgres -c "psql -qtAc \"SELECT pid FROM pg_stat_activity WHERE datname = '$db'\""); do
    renice -n "$nice" -p "$backend" >/dev/null
  done
fi
# shellcheck disable=SC2086
nice -n "$nice" java ${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xms256m -Xmx256m} bench/SpendBenchmark.java "http://localhost:$port" bench-key \
  "${1:-500}" "${2:-20}" "${3:-1000}"
echo "load after: $(uptime)"
kill $fjord; wait $fjord 2>/dev/null || true
for kind in liveness spend_authorization; do
  grep "$kind" target/bench-access*.log | grep -v warmup | awk '{print $1/1000}' | sort -n | awk -v kind="$kind" '
    {a[NR]=$1} END {printf "server-side %-20s p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms over %d requests\n",
      kind, a[int(NR*0.5)], a[int(NR*0.9)], a[int(NR*0.99)], a[int(NR*0.999)], NR}'
done
