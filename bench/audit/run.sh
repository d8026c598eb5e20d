#!/usr/bin/env bash
# audit-service loss test and ingest rate, on the packaged service (not the test harness).
#
# A producer (gen.py | redis-cli --pipe) emits N turn records (default 100,000) to a benchmark
# stream in ten chunks. The first three go to a running audit-service; while it is writing them it
# is killed with `kill -9` (entries it had read are left delivered but unacknowledged); three more
# chunks are emitted while it is down; it is started again (a new consumer, which reclaims the dead
# one's entries with XAUTOCLAIM after claim-idle) and the last four chunks plus one poison record
# follow. Expected: exactly N rows, N distinct ids, nothing pending, the poison record in the
# tenant's dead-letter stream. Then the same N rows are loaded with COPY into a scratch copy of the
# table, for the raw rate beside the service's.
#
# Usage: bench/audit/run.sh [records=100000]      bench/audit/run.sh clean
# Environment: AGENTRY_DB_NAME (default agentry), AGENTRY_DB_OWNER_*, AGENTRY_DB_APP_* as in
# deploy/local/db-setup.sh, BENCH_PORT (default 18083: a local suite on 8083 is left alone),
# BENCH_SKIP_BUILD=1 to reuse the packaged jar. Talks only to 127.0.0.1; uses its own stream keys
# (agentry-bench:audit*) and its own tenant, and leaves both in place for inspection until `clean`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/bench/audit"
work="$here/target"
mkdir -p "$work/keys"

N=${1:-100000}
TENANT=00000000-0000-7000-8000-00000000a0d1
STREAM=agentry-bench:audit
GROUP=audit-bench
DEAD=agentry-bench:audit:dead
DB=${AGENTRY_DB_NAME:-agentry}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
OWNER_PASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
PORT=${BENCH_PORT:-18083}
JAR="$root/audit-service/target/quarkus-app/quarkus-run.jar"

as_owner() { PGPASSWORD=$OWNER_PASSWORD psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }
now() { date +%s.%N; }
log() { echo "[bench $(date -u +%H:%M:%S)] $*" | tee -a "$work/results.txt"; }

clean() {
  redis-cli -h 127.0.0.1 DEL "$STREAM" "$DEAD:$TENANT" "$DEAD:unknown" >/dev/null
  if as_owner -c "SELECT 1 FROM pg_namespace WHERE nspname = 'audit'" | grep -q 1; then
    as_owner -c "SELECT set_config('app.tenant_id', '$TENANT', false)" \
             -c "DELETE FROM audit.turn_records WHERE tenant_id = '$TENANT'" \
             -c "DELETE FROM audit.audit_logs WHERE tenant_id = '$TENANT'" >/dev/null
  fi
}
if [ "${1:-}" = clean ]; then clean; echo "[bench] removed the benchmark stream and tenant $TENANT's rows"; exit 0; fi

if [ "${BENCH_SKIP_BUILD:-}" != 1 ] || [ ! -f "$JAR" ]; then
  ./mvnw -B -q -pl audit-service package -DskipTests -Dai.djl.offline=true
fi
if [ ! -f "$work/keys/public.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
fi

pid=
start_service() {
  AGENTRY_DB_NAME=$DB QUARKUS_HTTP_PORT=$PORT AGENTRY_LOG_JSON=false \
  AGENTRY_AUDIT_STREAM=$STREAM AGENTRY_AUDIT_GROUP=$GROUP AGENTRY_AUDIT_DEAD_LETTER_PREFIX=$DEAD \
  AGENTRY_AUDIT_CLAIM_IDLE=5s AGENTRY_JWT_PUBLIC_KEY="$work/keys/public.pem" \
    java -Xmx256m -XX:+UseSerialGC -jar "$JAR" >>"$work/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -30 "$work/service.log"; echo "service died"; exit 1; }
    sleep 0.5
  done
  echo "service not ready"; exit 1
}
stop_service() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; }
trap stop_service EXIT

rows() { as_owner -c "SELECT set_config('app.tenant_id', '$TENANT', false)" -c "SELECT count(*) FROM audit.turn_records WHERE tenant_id = '$TENANT'" | tail -1; }
distinct_ids() { as_owner -c "SELECT set_config('app.tenant_id', '$TENANT', false)" -c "SELECT count(DISTINCT id) FROM audit.turn_records WHERE tenant_id = '$TENANT'" | tail -1; }
pending() { redis-cli -h 127.0.0.1 XPENDING "$STREAM" "$GROUP" | head -1; }
chunk() { # chunk index 0..9
  local from=$(( $1 * N / 10 )) to=$(( ($1 + 1) * N / 10 ))
  python3 "$here/gen.py" resp "$STREAM" "$TENANT" "$from" "$to" ${2:-} | redis-cli -h 127.0.0.1 --pipe >/dev/null
}

: >"$work/service.log"
clean
log "records=$N db=$DB stream=$STREAM commit=$(git rev-parse --short HEAD)"
# The first three chunks wait on the stream, so that the service has a backlog and is always in the
# middle of a batch (read, writing, not yet acknowledged) when it is killed.
t0=$(now)
for i in 0 1 2; do chunk $i; done
start_service
log "audit-service up (pid $pid) with $(( 3 * N / 10 )) records waiting"
# Kill it while it is writing: as soon as some of the first chunks are stored, not all.
for _ in $(seq 1 600); do r=$(rows); [ "$r" -gt $(( N / 20 )) ] && break; sleep 0.05; done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
log "kill -9 with $(rows) rows stored of $(( 3 * N / 10 )) emitted; pending (delivered, unacknowledged): $(pending)"
for i in 3 4 5; do chunk $i; done
log "emitted $(( 6 * N / 10 )) while down; stream length $(redis-cli -h 127.0.0.1 XLEN "$STREAM")"

start_service
t_restart=$(now)
log "restarted (pid $pid)"
for i in 6 7 8; do chunk $i; done
chunk 9 poison
t_emitted=$(now)
log "emitted all $N (+1 poison record)"
for _ in $(seq 1 1200); do
  [ "$(rows)" -ge "$N" ] && [ "$(pending)" = 0 ] && break
  sleep 0.25
done
t_done=$(now)
r=$(rows); d=$(distinct_ids); p=$(pending); dl=$(redis-cli -h 127.0.0.1 XLEN "$DEAD:$TENANT")
log "RESULT rows=$r distinct_ids=$d pending=$p dead_letters=$dl (expected $N, $N, 0, 1)"
backlog_rate=$(python3 -c "print(round(($r - 0) / ($t_done - $t_restart)))")
log "after restart: all stored $(python3 -c "print(round($t_done - $t_restart, 1))") s after the restart, $(python3 -c "print(round($t_done - $t_emitted, 1))") s after the last XADD; total wall time $(python3 -c "print(round($t_done - $t0, 1))") s"
stop_service; pid=

# Sustained rate on a clean run: N records emitted at once to the running service.
redis-cli -h 127.0.0.1 DEL "$STREAM" >/dev/null
as_owner -c "SELECT set_config('app.tenant_id', '$TENANT', false)" -c "DELETE FROM audit.turn_records WHERE tenant_id = '$TENANT'" >/dev/null
start_service
t1=$(now)
for i in $(seq 0 9); do chunk "$i"; done
t_emitted=$(now)
for _ in $(seq 1 1200); do [ "$(rows)" -ge "$N" ] && break; sleep 0.1; done
t2=$(now)
log "stream ingest: $N records emitted in $(python3 -c "print(round($t_emitted - $t1, 1))") s (redis-cli --pipe), stored in $(python3 -c "print(round($t2 - $t1, 1))") s: $(python3 -c "print(round($N / ($t2 - $t1)))") rows/s; lag after the last XADD $(python3 -c "print(round($t2 - $t_emitted, 1))") s"
stop_service; pid=

# The same rows through COPY into a scratch table of the same shape (indexes included), same run.
python3 "$here/gen.py" csv "$TENANT" 0 "$N" > "$work/rows.csv"
copy_s=$(as_owner -c "CREATE TEMP TABLE scratch (LIKE audit.turn_records INCLUDING DEFAULTS INCLUDING INDEXES)" \
  -c "\\timing on" \
  -c "\\copy scratch (id, tenant_id, session_id, turn_number, user_message, assistant_response, rules_matched, token_usage, tools_executed, latency_ms, model, created_at) FROM '$work/rows.csv' WITH (FORMAT csv)" \
  | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
log "COPY of the same $N rows into a scratch table (same columns and indexes): $(python3 -c "print(round($copy_s / 1000, 2))") s: $(python3 -c "print(round($N / ($copy_s / 1000)))") rows/s"
