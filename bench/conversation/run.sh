#!/usr/bin/env bash
# GET /v1/sessions/{id} through conversation-service's API beside redis-benchmark GET of the same
# key (session:hot:<id>, so the same value size) in the same run, at 1 and 50 connections. The
# issue's targets: API p50 within 3x of the raw GET's p50 at 1 connection; API throughput at least
# 25 % of the raw GET's at 50 connections. Bounded in time, talks only to 127.0.0.1 (Redis 6379,
# PostgreSQL 5432, the service on BENCH_PORT). Results: bench/conversation/target/results.txt and
# the table in docs/benchmarks.md.
#
# Usage: bench/conversation/run.sh [seconds=15] ["connections"="1 50"] [variables-bytes=1024]
#        bench/conversation/run.sh clean    removes the benchmark tenant's rows and Redis keys
# Environment: AGENTRY_DB_NAME (default agentry), AGENTRY_DB_OWNER_* as in deploy/local/db-setup.sh,
# BENCH_PORT (default 18086, so that a local suite on 8086 is left alone), BENCH_SKIP_BUILD=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/bench/conversation"
work="$here/target"
mkdir -p "$work/keys" "$work/classes"

TENANT=00000000-0000-7000-8000-00000000be86
AGENT=00000000-0000-7000-8000-00000000a986
DB=${AGENTRY_DB_NAME:-agentry}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
export PGPASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
PORT=${BENCH_PORT:-18086}
as_owner() { psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }

clean() {
  local ids
  ids=$(redis-cli --raw SMEMBERS "session:index:agent:$TENANT:$AGENT" 2>/dev/null || true)
  for id in $ids; do redis-cli DEL "session:hot:$id" "session:persist:$id" > /dev/null; done
  for key in $(redis-cli --scan --pattern "session:index:*:$TENANT:*"); do redis-cli DEL "$key" > /dev/null; done
  as_owner -c "SELECT set_config('app.tenant_id', '$TENANT', false)" \
           -c "DELETE FROM conversation.sessions WHERE tenant_id = '$TENANT'" > /dev/null 2>&1 || true
}
if [ "${1:-}" = clean ]; then clean; echo "[bench] removed tenant $TENANT's sessions"; exit 0; fi

SECONDS_PER_RUN=${1:-15}
LEVELS=${2:-"1 50"}
VAR_BYTES=${3:-1024}
results="$work/results.txt"
log() { printf '[bench] %s\n' "$*"; }
say() { printf '%s\n' "$*" | tee -a "$results"; }
: > "$results"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "packaging conversation-service"
  ./mvnw -q -B -o -pl conversation-service package -DskipTests
fi
[ -f "$work/keys/private.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
}
cp="$root/conversation-service/target/quarkus-app/lib/main/*"
javac --release 17 -cp "$cp" -d "$work/classes" "$here/SessionLoad.java" "$root/bench/common/LoadSupport.java"

if curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; then
  echo "port $PORT is taken; set BENCH_PORT" >&2; exit 1
fi
QUARKUS_HTTP_PORT=$PORT AGENTRY_JWT_PUBLIC_KEY="file:$work/keys/public.pem" AGENTRY_LOG_JSON=false \
  java -Xmx256m ${BENCH_JAVA_OPTS:-} -jar "$root/conversation-service/target/quarkus-app/quarkus-run.jar" > "$work/service.log" 2>&1 &
service_pid=$!
trap 'kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; clean' EXIT
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" = 200 ] && break
  kill -0 "$service_pid" 2>/dev/null || { tail -50 "$work/service.log" >&2; exit 1; }
  sleep 1
done
log "conversation-service is up on 127.0.0.1:$PORT (pid $service_pid)"

# One session with VAR_BYTES of variables, made through the API.
token=$(java -cp "$work/classes:$cp" SessionLoad token "$work/keys/private.pem" "$TENANT")
blob=$(head -c $((VAR_BYTES * 3 / 4)) /dev/urandom | base64 -w0 | head -c "$VAR_BYTES")
session=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"agent_id\":\"$AGENT\",\"channel\":\"web\",\"user_channel_id\":\"bench-$$\",\"variables\":{\"blob\":\"$blob\"}}" \
  "http://127.0.0.1:$PORT/v1/sessions" | sed -n 's/.*"session_id":"\([^"]*\)".*/\1/p')
[ -n "$session" ] || { echo "could not create the session" >&2; exit 1; }
key="session:hot:$session"
size=$(redis-cli STRLEN "$key")
api_size=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/v1/sessions/$session" | wc -c)

say "# conversation-service GET session benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "machine: $(nproc) cpus, $(free -m | awk '/Mem:/ {print $2}') MB RAM; $(redis-server --version | cut -d' ' -f1-3); java $(java -version 2>&1 | head -1)"
say "session $session: $key holds $size bytes; the API answers $api_size bytes"

log "warming the service's JIT: 15 s at 8 connections (not recorded)"
java -Xmx128m -XX:+UseSerialGC -cp "$work/classes:$cp" SessionLoad "http://127.0.0.1:$PORT" "$work/keys/private.pem" \
  "$TENANT" "$session" 8 15 1 > /dev/null
for c in $LEVELS; do
  say "load average before $c connection(s): $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine shares its $(nproc) cpus)"
  java -Xmx128m -XX:+UseSerialGC -cp "$work/classes:$cp" SessionLoad "http://127.0.0.1:$PORT" "$work/keys/private.pem" \
    "$TENANT" "$session" "$c" 3 "$SECONDS_PER_RUN" "$service_pid" | grep '^RESULT' | tee -a "$results"
  # The same key, raw: redis-benchmark runs the given command (GET of the session's hot key).
  n=$(( c == 1 ? 20000 : 200000 ))
  csv=$(redis-benchmark -h 127.0.0.1 -p 6379 -c "$c" -n "$n" --csv GET "$key" | tail -1 | tr -d '"')
  IFS=, read -r _ rps avg _ p50 p95 p99 max <<< "$csv"
  say "RESULT redis-benchmark-get c=$c requests=$n rps=$rps mean_ms=$avg p50_ms=$p50 p95_ms=$p95 p99_ms=$p99 max_ms=$max"
done
say "service log errors: $(grep -c ' ERROR ' "$work/service.log" || true)"
log "done: $results"
