#!/usr/bin/env bash
# audit-service: a session's turns (GET /v1/audit/sessions/{id}/turns) at 10 million turn records
# over 100 tenants of skewed sizes (issue 17's query benchmark), through the packaged service beside
# the same SQL run directly as the application role with the tenant bound, in the same run.
#
# Usage: bench/audit/query.sh [rows=10000000]      bench/audit/query.sh clean
# Rows go straight into audit.turn_records (INSERT ... generate_series as the owner, tenant by
# tenant under forced RLS), 20 turns a session, spread over 2026; tenant k holds a share ~ 1/k^0.8.
# Measured: BENCH_QUERIES (400) sessions of the largest tenant and of the 50th, each through the
# API (one keep-alive connection) and through pgbench, p50/p95. Environment as bench/audit/run.sh
# (AGENTRY_DB_NAME, default agentry; BENCH_PORT 18083; BENCH_SKIP_BUILD=1).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/bench/audit"
work="$here/target"
mkdir -p "$work/keys"

ROWS=${1:-10000000}
QUERIES=${BENCH_QUERIES:-400}
DB=${AGENTRY_DB_NAME:-agentry}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
OWNER_PASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
APP=${AGENTRY_DB_APP_USER:-agentry_app}
APP_PASSWORD=${AGENTRY_DB_APP_PASSWORD:-agentry_app}
PORT=${BENCH_PORT:-18083}
JAR="$root/audit-service/target/quarkus-app/quarkus-run.jar"
# Tenant k's id: 00000000-0000-7000-8000-0000000b<k, 4 hex digits>.
tenant() { printf '00000000-0000-7000-8000-0000000b%04x' "$1"; }

as_owner() { PGPASSWORD=$OWNER_PASSWORD psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }
log() { echo "[bench $(date -u +%H:%M:%S)] $*" | tee -a "$work/query-results.txt"; }

if [ "${1:-}" = clean ]; then
  for k in $(seq 1 100); do
    as_owner -c "SELECT set_config('app.tenant_id', '$(tenant "$k")', false)" \
             -c "DELETE FROM audit.turn_records WHERE tenant_id = '$(tenant "$k")'" >/dev/null
  done
  echo "[bench] removed the 100 benchmark tenants' turn records"; exit 0
fi

if [ "${BENCH_SKIP_BUILD:-}" != 1 ] || [ ! -f "$JAR" ]; then
  ./mvnw -B -q -o -pl audit-service package -DskipTests -Dai.djl.offline=true
fi
if [ ! -f "$work/keys/public.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
fi

pid=
stop_service() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi; }
trap stop_service EXIT
# The service migrates the schema on start (so it exists before the load) and answers the API.
AGENTRY_DB_NAME=$DB QUARKUS_HTTP_PORT=$PORT AGENTRY_LOG_JSON=false AGENTRY_AUDIT_STREAM=agentry-bench:audit-query \
AGENTRY_JWT_PUBLIC_KEY="$work/keys/public.pem" \
  java -Xmx256m -XX:+UseSerialGC -jar "$JAR" >"$work/query-service.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { tail -30 "$work/query-service.log"; echo "service died"; exit 1; }
  sleep 0.5
done

# Skewed sizes, 20 turns a session, summing to ROWS.
sizes=$(python3 -c "
w=[1/(k**0.8) for k in range(1,101)]; s=sum(w); n=$ROWS
sz=[max(20, int(n*x/s)//20*20) for x in w]; sz[0]+=n-sum(sz)
print(' '.join(map(str,sz)))")
read -r -a size <<<"$sizes"
have=$(as_owner -c "SELECT set_config('app.tenant_id', '$(tenant 1)', false)" \
  -c "SELECT count(*) FROM audit.turn_records WHERE tenant_id = '$(tenant 1)'" 2>/dev/null | tail -1 || echo 0)
if [ "$have" != "${size[0]}" ]; then
  log "loading $ROWS turn records over 100 tenants (largest ${size[0]}, 50th ${size[49]}, smallest ${size[99]})"
  as_owner -c "SELECT audit.ensure_partitions('2026-01-01', '2027-01-01')" >/dev/null
  t0=$(date +%s)
  for k in $(seq 1 100); do
    n=${size[$((k - 1))]}; t=$(tenant "$k")
    as_owner -c "SELECT set_config('app.tenant_id', '$t', false)" \
      -c "DELETE FROM audit.turn_records WHERE tenant_id = '$t'" \
      -c "INSERT INTO audit.turn_records (id, tenant_id, session_id, turn_number, user_message, assistant_response,
            rules_matched, tools_executed, token_usage, latency_ms, model, created_at)
          SELECT gen_random_uuid(), '$t', md5('$k:' || (g / 20))::uuid, g % 20,
                 'customer message number ' || g || ' about an order and its delivery', 'assistant answer ' || g,
                 '[{\"name\": \"refund\", \"score\": 0.91}]', '[]', '{\"input\": 120, \"output\": 30}', 40 + g % 400,
                 'stand-in-model', timestamptz '2026-01-01' + (g::float8 * (31000000.0 / $n)) * interval '1 second'
          FROM generate_series(0, $n - 1) AS g" >/dev/null
  done
  as_owner -c "ANALYZE audit.turn_records" >/dev/null
  log "loaded in $(( $(date +%s) - t0 )) s"
fi

token() { # an auditor of tenant $1, signed RS256 with the key the service verifies
  local now; now=$(date +%s)
  local h p
  h=$(printf '{"alg":"RS256","typ":"JWT"}' | openssl base64 -A | tr '+/' '-_' | tr -d '=')
  p=$(printf '{"iss":"agentry","aud":"agentry","sub":"bench:auditor","tenant_id":"%s","groups":["auditor"],"iat":%d,"exp":%d}' \
        "$1" "$now" $((now + 3600)) | openssl base64 -A | tr '+/' '-_' | tr -d '=')
  local s; s=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign "$work/keys/private.pem" | openssl base64 -A | tr '+/' '-_' | tr -d '=')
  printf '%s.%s.%s' "$h" "$p" "$s"
}

percentiles() { python3 -c "
import sys; v=sorted(float(x) for x in sys.stdin if x.strip()); n=len(v)
print(f'p50 {v[n//2]:.2f} ms, p95 {v[int(n*0.95)-1]:.2f} ms ({n} queries)')"; }

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); rows $ROWS; commit $(git rev-parse --short HEAD)"
for k in 1 50; do
  t=$(tenant "$k"); sessions=$(( ${size[$((k - 1))]} / 20 ))
  # API: one keep-alive connection, random sessions of the tenant, limit 50 (a whole 20-turn session);
  # 200 warm-up requests (JIT) not recorded.
  api=$(python3 - "$PORT" "$(token "$t")" "$k" "$sessions" "$QUERIES" <<'PY'
import hashlib, http.client, random, sys, time, uuid
port, tok, k, sessions, q = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
c = http.client.HTTPConnection("127.0.0.1", int(port))
def sid(s): return str(uuid.UUID(hashlib.md5(f"{k}:{s}".encode()).hexdigest()))
for i in range(200 + q):
    s = sid(random.randrange(sessions))
    t0 = time.perf_counter()
    c.request("GET", f"/v1/audit/sessions/{s}/turns?limit=50", headers={"Authorization": "Bearer " + tok})
    r = c.getresponse(); body = r.read()
    ms = (time.perf_counter() - t0) * 1000
    if r.status != 200 or body.count(b'"turn_number"') != 20:
        sys.exit(f"unexpected answer {r.status}: {body[:200]}")
    if i >= 200: print(ms)
PY
)
  # SQL: the service's statement as the application role, tenant bound in the transaction.
  cat >"$work/turns.sql" <<SQL
\\set s random(0, $((sessions - 1)))
BEGIN;
SELECT set_config('app.tenant_id', '$t', true);
SELECT id, session_id, turn_number, user_message, assistant_response, context_extracted, rules_matched, scenario_state,
       tools_executed, token_usage, latency_ms, agent_id, profile_id, trace_id, model, cost_usd, created_at, recorded_at,
       redacted_at FROM audit.turn_records WHERE tenant_id = '$t' AND session_id = md5('$k:' || :s)::uuid
       ORDER BY turn_number, id LIMIT 51;
COMMIT;
SQL
  rm -f "$work"/pgbench_log.*
  (cd "$work" && PGPASSWORD=$APP_PASSWORD pgbench -h 127.0.0.1 -U "$APP" -n -M prepared -c 1 -t "$QUERIES" -l -f turns.sql "$DB" >/dev/null)
  sql=$(awk '{print $3 / 1000}' "$work"/pgbench_log.* )
  log "tenant $k (${size[$((k - 1))]} rows, $sessions sessions): API $(echo "$api" | percentiles); SQL $(echo "$sql" | percentiles)"
done
