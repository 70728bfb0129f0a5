#!/usr/bin/env bash
# Billing-run throughput: N subscriptions (default 100,000) on a monthly calendar plan with a fixed fee and 2 usage
# charges, a wallet on a third of the customers, billed at the end of the period by one POST /api/v1/billing_runs,
# against the machine's PostgreSQL on 127.0.0.1:5432. The fixtures are written with SQL (the API would take longer
# than the run itself); the run goes through Fjord.
# Usage: bench/billing.sh [subscriptions [Fjord options, e.g. --fjord.billing.threads=1]]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
shift || true
port=3921
db=fjord_bench_billing
[ -f target/fjord.jar ] || ./mvnw -q package -DskipTests
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'fjord'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE fjord LOGIN PASSWORD 'fjord' CREATEDB\""
su postgres -c "dropdb --if-exists $db" && su postgres -c "createdb -O fjord $db"
SERVER_PORT=$port DATABASE_URL="postgresql://fjord:fjord@127.0.0.1:5432/$db" LAGO_ORG_API_KEY=bench-key \
  java -Xmx1g -jar target/fjord.jar --fjord.jobs.enabled=false "$@" > target/bench-billing.log 2>&1 &
fjord=$!
trap 'kill $fjord 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/actuator/health" >/dev/null; do sleep 0.2; done
api() { curl -sf -H 'Authorization: Bearer bench-key' -H 'Content-Type: application/json' "$@"; }
m1=$(api localhost:$port/api/v1/billable_metrics -d '{"billable_metric": {"name": "Calls", "code": "calls", "aggregation_type": "count_agg"}}' | sed 's/.*"lago_id":"\([^"]*\)".*/\1/')
m2=$(api localhost:$port/api/v1/billable_metrics -d '{"billable_metric": {"name": "Storage", "code": "gb", "aggregation_type": "sum_agg", "field_name": "gb"}}' | sed 's/.*"lago_id":"\([^"]*\)".*/\1/')
api localhost:$port/api/v1/plans -d "{\"plan\": {\"name\": \"Bench\", \"code\": \"bench\", \"interval\": \"monthly\", \"amount_cents\": 1000, \"amount_currency\": \"EUR\", \"charges\": [{\"billable_metric_id\": \"$m1\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.01\"}}, {\"billable_metric_id\": \"$m2\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.10\"}}]}}" > /dev/null
psql "postgresql://fjord:fjord@127.0.0.1:5432/$db" -q -v n="$n" <<'SQL'
-- n customers subscribed since 1 March 2026, usage aggregates for March, a wallet on every third customer
WITH org AS (SELECT id, document_number_prefix FROM organizations LIMIT 1),
     plan AS (SELECT id FROM plans LIMIT 1)
INSERT INTO customers (id, organization_id, external_id, sequential_id, slug, currency, created_at, updated_at)
SELECT gen_random_uuid(), org.id, 'c' || i, i, org.document_number_prefix || '-' || i, 'EUR', now(), now()
FROM org, generate_series(1, :n) i;
UPDATE organizations SET customer_sequence = :n;
INSERT INTO subscriptions (id, organization_id, customer_id, plan_id, external_id, status, billing_time,
  subscription_at, started_at, created_at, updated_at)
SELECT gen_random_uuid(), c.organization_id, c.id, (SELECT id FROM plans LIMIT 1), 's' || c.sequential_id, 'active',
  'calendar', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', now(), now()
FROM customers c;
INSERT INTO usage_aggregates (id, organization_id, subscription_id, charge_id, grouped_by, period_start, period_end,
  units, events_count)
SELECT gen_random_uuid(), s.organization_id, s.id, ch.id, '{}', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z',
  10 + (random() * 100)::int, 20
FROM subscriptions s CROSS JOIN charges ch;
INSERT INTO wallets (id, organization_id, customer_id, status, currency, code, rate_amount, credits_balance,
  balance_cents, created_at, updated_at)
SELECT gen_random_uuid(), c.organization_id, c.id, 'active', 'EUR', 'main', 1, 5, 500, now(), now()
FROM customers c WHERE c.sequential_id % 3 = 0;
INSERT INTO wallet_transactions (id, organization_id, wallet_id, status, source, transaction_status, transaction_type,
  amount_cents, credit_amount, remaining_amount_cents, created_at, settled_at)
SELECT gen_random_uuid(), w.organization_id, w.id, 'settled', 'manual', 'granted', 'inbound', 500, 5, 500, now(), now()
FROM wallets w;
-- Statistics for the fixtures only: tables still empty (invoices, fees, claims) keep "never analyzed", so the
-- planner sizes them from disk as they grow (an ANALYZE of an empty table would pin seq scans while autovacuum is off,
-- as it is on these machines).
ANALYZE customers; ANALYZE subscriptions; ANALYZE usage_aggregates; ANALYZE wallets; ANALYZE wallet_transactions;
SQL
echo "fixtures: $n subscriptions; billing..."
start=$(date +%s.%N)
# Heap over the run: the old generation after each young collection is what the run keeps; sampled every 10 s.
jstat -gc "$fjord" 10000 > target/bench-billing-heap.txt 2>/dev/null &
heap=$!
api localhost:$port/api/v1/billing_runs -d '{"billing_run": {"at": "2026-04-01T01:00:00Z"}}' -o /tmp/fjord-billing-run.json --max-time 3600
end=$(date +%s.%N)
kill $heap 2>/dev/null || true
count=$(grep -o '"invoices_count":[0-9]*' /tmp/fjord-billing-run.json | cut -d: -f2)
echo "billed $count subscriptions in $(echo "$end - $start" | bc) s"
awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { ou = $8 / 1024; if (n == 0) first = ou; if (ou > max) max = ou; last = ou; n++ }
  END { if (n) printf "old generation used (MiB), %d samples: first %.0f, max %.0f, last %.0f\n", n, first, max, last }' \
  target/bench-billing-heap.txt
grep -E 'OutOfMemory|ERROR' target/bench-billing.log | head -3 || true
