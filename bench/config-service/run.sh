#!/usr/bin/env bash
# Rule-match benchmark of config-service (see RuleMatchBench.java; results in docs/benchmarks-config.md).
#
#   bench/config-service/run.sh [tenants=100] [rules-per-tenant=10000] [queries=200] [concurrency=2]
#
# What it does, bounded in time and on 127.0.0.1 only:
#   1. builds config-service (offline) and the bench client;
#   2. makes the database agentry_bench (as the PostgreSQL superuser, like deploy/local/db-setup.sh);
#   3. starts config-service on port 18081 against it (its own throwaway JWT keys, pepper, master key);
#   4. embeds ~2,900 rule sentences and 60 queries once with the in-process model (cached under
#      bench/.cache, git-ignored), grows them to tenants x rules-per-tenant vectors by small random
#      perturbations, loads them with COPY, builds the HNSW index;
#   5. measures POST /v1/agents/{id}/rules/match (exact, index, auto) and the same SQL over JDBC,
#      p50/p95 and recall@10 against the exact answer, then stops the service.
# A loaded size is reused by the next run with the same size (step 4 is skipped).
# BENCH_API_WARMUP: unrecorded API requests before the API is measured (default 8,000: on 2 cores
# C2 was still compiling the match path after 1,900 requests, and had settled by ~8,000).
# BENCH_JAVA_OPTS: more JVM options for the service, e.g. a JFR recording
# (-XX:StartFlightRecording=filename=bench/config-service/target/service.jfr,settings=profile).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
TENANTS=${1:-100}
RULES=${2:-10000}
QUERIES=${3:-200}
CONCURRENCY=${4:-2}
PORT=${BENCH_PORT:-18081}
DB=${BENCH_DB:-agentry_bench}
work="$root/bench/config-service/target"
cache="$root/bench/.cache/config-service"
mkdir -p "$work/classes" "$work/tmp" "$work/djl" "$cache/keys"

pg_super() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
if [ "$(pg_super -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  pg_super -d postgres -c "CREATE DATABASE $DB OWNER agentry_owner"
fi
pg_super -d "$DB" -c "SET client_min_messages TO warning" -c "CREATE EXTENSION IF NOT EXISTS vector" \
  -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC" -c "GRANT CONNECT ON DATABASE $DB TO agentry_app"

[ -s "$cache/keys/private.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$cache/keys/private.pem" 2>/dev/null
[ -s "$cache/keys/public.pem" ] || openssl pkey -in "$cache/keys/private.pem" -pubout -out "$cache/keys/public.pem"

./mvnw -q -B -o -pl config-service package -DskipTests
# shellcheck source=bench/common/classpath.sh
. "$root/bench/common/classpath.sh"
runtime_classpath config-service "$work/classpath.txt"
cp="$root/config-service/target/classes:$(cat "$work/classpath.txt")"
javac --release 17 -cp "$cp" -d "$work/classes" bench/config-service/RuleMatchBench.java

export DJL_CACHE_DIR="$work/djl"
AGENTRY_DB_NAME=$DB QUARKUS_HTTP_PORT=$PORT AGENTRY_LOG_JSON=false \
  AGENTRY_JWT_PUBLIC_KEY="file:$cache/keys/public.pem" AGENTRY_JWT_PRIVATE_KEY="file:$cache/keys/private.pem" \
  AGENTRY_API_KEY_PEPPER="bench-only-pepper-$(openssl rand -hex 8)" AGENTRY_SECRETS_MASTER_KEY="$(openssl rand -base64 32)" \
  java -Xmx512m ${BENCH_JAVA_OPTS:-} -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true -jar config-service/target/quarkus-app/quarkus-run.jar \
  > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "config-service did not start (see $work/service.log)"; exit 1; }

java -Xmx1g -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true -cp "$work/classes:$cp" RuleMatchBench \
  --tenants "$TENANTS" --rules "$RULES" --queries "$QUERIES" --concurrency "$CONCURRENCY" \
  --base-url "http://127.0.0.1:$PORT" --db "$DB" --cache "$cache" --private-key "$cache/keys/private.pem" \
  --api-warmup "${BENCH_API_WARMUP:-8000}"
