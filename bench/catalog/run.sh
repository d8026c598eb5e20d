#!/usr/bin/env bash
# catalog-service benchmark (results: docs/catalog-service.md, headline in docs/benchmarks.md). By
# hand, not in CI; talks to 127.0.0.1 only.
#
#   bench/catalog/run.sh [phase ...]   phases: load search threshold price import (default: all five)
#
# It builds catalog-service (this module only: common comes from ~/.m2), embeds the product corpus
# once (cached in bench/.cache/catalog), starts the packaged service on its own port against the
# database agentry_bench (schema catalog, migrated by the service itself), loads the offerings by
# COPY (skipped when already there), measures, and stops the service.
# Environment (defaults): BENCH_OFFERINGS=1000000 BENCH_TENANTS=100 BENCH_CORPUS=30000 BENCH_QUERIES=400
#   BENCH_THRESHOLD_QUERIES=30 BENCH_PRICE_REQUESTS=1000 BENCH_IMPORT_ROWS=1000 BENCH_PORT=18085
#   BENCH_DB=agentry_bench BENCH_MWM=5GB (maintenance_work_mem of the index builds: the 1M-row HNSW
#   graph needs about 2.5 GB to be built in memory)
#   BENCH_THRESHOLD=<agentry.catalog.search.exact-threshold for the service and the baseline; default 20000>
#   BENCH_SQL_PARALLEL=false (the direct statements' sessions without parallel workers, as the service's statements ran;
#   true lets PostgreSQL plan them with parallel workers, which on 2 busy cores made them slower than the API)
# The database must exist with the extensions (as the superuser, once):
#   psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE agentry_bench OWNER agentry_owner'
#   psql -h 127.0.0.1 -U postgres -d agentry_bench -c 'CREATE EXTENSION IF NOT EXISTS vector' \
#     -c 'CREATE EXTENSION IF NOT EXISTS unaccent' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' \
#     -c 'CREATE EXTENSION IF NOT EXISTS btree_gist' -c 'GRANT CONNECT ON DATABASE agentry_bench TO agentry_app'
# Drop the data afterwards with: psql -h 127.0.0.1 -U agentry_owner agentry_bench -c 'DROP SCHEMA catalog CASCADE'
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="bench/catalog/target"
mkdir -p "$work/tmp" "$work/djl" "$work/classes"
phases=("$@")
[ ${#phases[@]} -eq 0 ] && phases=(load search threshold price import)
port="${BENCH_PORT:-18085}"
db="${BENCH_DB:-agentry_bench}"
threshold="${BENCH_THRESHOLD:-20000}"

# Only this module: common comes from ~/.m2 (never -am: two builds compiling common at once corrupt it).
./mvnw -q -B -o -pl catalog-service package -DskipTests
# shellcheck source=bench/common/classpath.sh
. "$root/bench/common/classpath.sh"
runtime_classpath catalog-service "$root/$work/classpath.txt"
cp="catalog-service/target/classes:$(cat "$work/classpath.txt")"
# BenchSql and BenchPrices go into the packages of SearchStore and PriceStore: the baseline runs the service's own SQL.
javac --release 17 -cp "$cp" -d "$work/classes" bench/catalog/*.java

export DJL_CACHE_DIR="$root/$work/djl"
bench() {
  java -Xmx3g -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true \
    -Dbench.offerings="${BENCH_OFFERINGS:-1000000}" -Dbench.tenants="${BENCH_TENANTS:-100}" \
    -Dbench.corpus="${BENCH_CORPUS:-30000}" -Dbench.queries="${BENCH_QUERIES:-400}" \
    -Dbench.threshold.queries="${BENCH_THRESHOLD_QUERIES:-30}" -Dbench.price.requests="${BENCH_PRICE_REQUESTS:-1000}" \
    -Dbench.import.rows="${BENCH_IMPORT_ROWS:-1000}" -Dbench.threshold="$threshold" -Dbench.db="$db" \
    -Dbench.url="http://127.0.0.1:$port" -Dbench.mwm="${BENCH_MWM:-5GB}" -Dbench.sql.parallel="${BENCH_SQL_PARALLEL:-false}" \
    -cp "$work/classes:$cp" CatalogBench "$@"
}
bench embed keys

# The packaged service on the benchmark database, verifying the benchmark's tokens.
AGENTRY_DB_NAME="$db" AGENTRY_LOG_JSON=false \
  java -Xmx1g -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true -Dquarkus.http.port="$port" \
    -Dmp.jwt.verify.publickey.location="file:$root/$work/keys/public.pem" \
    -Dagentry.catalog.search.exact-threshold="$threshold" \
    -jar catalog-service/target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service" 2>/dev/null || { echo "the service did not start, see $work/service.log" >&2; exit 1; }
  sleep 1
done
echo "[bench] catalog-service is up on port $port (database $db); load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench "${phases[@]}"
