#!/usr/bin/env bash
# Cold start of target/fjord.jar with the embedded database: seconds from `java -jar` to the first HTTP 200 of
# /actuator/health. "fresh" starts on an empty data directory (initdb + migrations + bootstrap); "existing" restarts
# on the directory the fresh run left. Usage: bench/cold-start.sh [runs]   (build first: ./mvnw package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=3917
measure() { # $1 = data directory
  local start end pid
  start=$(date +%s.%N)
  SERVER_PORT=$port FJORD_DATA_DIR="$1" LAGO_ORG_API_KEY=bench-key java -jar target/fjord.jar >/dev/null 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.05; done
  end=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$end - $start" | bc
}
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  echo "run $i: fresh $(measure "$dir/pgdata") s, existing $(measure "$dir/pgdata") s"
  rm -rf "$dir"
done
