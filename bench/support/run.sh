#!/usr/bin/env bash
# The support desk's two benchmark lines (issue 16), with the numbers in docs/benchmarks.md:
#  1. time from ticket creation to the stored AI answer (POST /v1/tickets answers after the answer is
#     stored), with memory-service embedding the question in process and no LLM, beside memory-service's
#     knowledge search alone with the same questions (the call a ticket makes) in the same run;
#  2. GET /v1/tickets p50/p95 at 1,000,000 tickets over 100 tenants (one of 200,000, 99 of about
#     8,080), beside the same statements through pgbench (BEGIN, the tenant binding, the list query,
#     COMMIT, as agentry_app under RLS).
# Bounded in time; talks only to 127.0.0.1 (PostgreSQL 5432, Redis 6379, the services on their bench
# ports 18182 and 18186, so a local suite keeps running).
#
# Usage: bench/support/run.sh [seconds=20]        BENCH_SKIP_BUILD=1 when the jars are packaged
#        bench/support/run.sh threshold           only the knowledge-base threshold measurement (below)
#        bench/support/run.sh clean               removes the benchmark tenants' tickets
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/bench/support"
work="$here/target"
mkdir -p "$work/keys" "$work/classes"
DB=${AGENTRY_DB_NAME:-agentry}
export PGPASSWORD_OWNER=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
APP=${AGENTRY_DB_APP_USER:-agentry_app}
APP_PASSWORD=${AGENTRY_DB_APP_PASSWORD:-agentry_app}
MEM_PORT=18182
CONV_PORT=18186
# Tenant k of the list benchmark is 00000000-0000-7000-8000-0000000b<k, 4 hex>; tenant 1 is the big one.
tenant_of() { printf '00000000-0000-7000-8000-0000000b%04x' "$1"; }
KB_TENANT=$(tenant_of 1)
as_owner() { PGPASSWORD=$PGPASSWORD_OWNER psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }

clean() {
  as_owner -c "DO \$\$ BEGIN FOR k IN 1..100 LOOP
      PERFORM set_config('app.tenant_id', '00000000-0000-7000-8000-0000000b' || lpad(to_hex(k), 4, '0'), true);
      DELETE FROM conversation.tickets WHERE tenant_id = current_setting('app.tenant_id')::uuid;
      DELETE FROM conversation.support_settings WHERE tenant_id = current_setting('app.tenant_id')::uuid;
    END LOOP; END \$\$" > /dev/null
}
if [ "${1:-}" = clean ]; then clean; echo "[bench] removed the benchmark tenants' tickets"; exit 0; fi
MODE=run
if [ "${1:-}" = threshold ]; then MODE=threshold; shift; fi
SECONDS_PER_RUN=${1:-20}
results="$work/results.txt"
[ "$MODE" = threshold ] && results="$work/threshold.txt"
: > "$results"
log() { printf '[bench] %s\n' "$*"; }
say() { printf '%s\n' "$*" | tee -a "$results"; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "packaging memory- and conversation-service"
  ./mvnw -q -B -o -pl memory-service,conversation-service package -DskipTests -Dai.djl.offline=true
fi
[ -f "$work/keys/private.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
}
cp="$root/conversation-service/target/quarkus-app/lib/main/*"
javac --release 17 -cp "$cp" -d "$work/classes" "$here/TicketLoad.java" "$root/bench/common/LoadSupport.java"
load() { java -Xmx128m -XX:+UseSerialGC -cp "$work/classes:$cp" TicketLoad "$@"; }

for port in $MEM_PORT $CONV_PORT; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then echo "port $port is taken" >&2; exit 1; fi
done
QUARKUS_HTTP_PORT=$MEM_PORT AGENTRY_JWT_PUBLIC_KEY="file:$work/keys/public.pem" AGENTRY_LOG_JSON=false \
  java -Xmx512m -Dai.djl.offline=true -jar "$root/memory-service/target/quarkus-app/quarkus-run.jar" > "$work/memory.log" 2>&1 &
mem_pid=$!
QUARKUS_HTTP_PORT=$CONV_PORT AGENTRY_JWT_PUBLIC_KEY="file:$work/keys/public.pem" AGENTRY_LOG_JSON=false \
  AGENTRY_CONVERSATION_TURN_MEMORY_URL="http://127.0.0.1:$MEM_PORT" AGENTRY_CONVERSATION_TURN_CALL_TIMEOUT=PT5S \
  AGENTRY_CONVERSATION_SYNC_INTERVAL=0s AGENTRY_CONVERSATION_SYNC_POLL_INTERVAL=0s AGENTRY_LIMITS_ENABLED=false \
  java -Xmx256m -Dai.djl.offline=true -jar "$root/conversation-service/target/quarkus-app/quarkus-run.jar" > "$work/conversation.log" 2>&1 &
conv_pid=$!
trap 'kill $mem_pid $conv_pid 2>/dev/null || true; wait 2>/dev/null || true; clean' EXIT
for port in $MEM_PORT $CONV_PORT; do
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ] && break
    kill -0 $mem_pid 2>/dev/null && kill -0 $conv_pid 2>/dev/null || { tail -40 "$work"/*.log >&2; exit 1; }
    sleep 1
  done
done
log "memory-service on $MEM_PORT (pid $mem_pid), conversation-service on $CONV_PORT (pid $conv_pid)"

# The knowledge base: ten short help articles in a collection of tenant 1, named in its support settings.
admin=$(load token "$work/keys/private.pem" "$KB_TENANT" tenant-admin)
collection=$(curl -s -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Help centre\",\"slug\":\"bench-help-$$\"}" "http://127.0.0.1:$MEM_PORT/v1/collections" \
  | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
[ -n "$collection" ] || { echo "could not create the collection" >&2; exit 1; }
articles=(
  "Passwords|To reset your password, open Settings, then Security, and choose Reset password. A link valid for one hour is sent to your e-mail."
  "Delivery times|Parcels inside Viet Nam arrive in two to four working days. Track a parcel from Orders, then Track."
  "Changing the address|You can change the delivery address until the parcel is handed to the carrier, from Orders, then Edit address."
  "Refunds|Refunds reach your card five to ten working days after we receive the returned item."
  "App problems|If the app closes when you open Orders, update it to the latest version and sign in again."
  "Shipping areas|We ship to every province, including Da Nang, Hue and Can Tho, and to Singapore and Bangkok."
  "Subscriptions|Cancel a subscription from Account, then Subscriptions; it stays active until the end of the period."
  "Double charges|A second charge for one order is a card hold that disappears within three days; if not, send us the bank statement."
  "Invoices|Download an invoice as a PDF from Orders, then the order, then Invoice."
  "Opening hours|Our support team answers from 8:00 to 20:00, Monday to Saturday; on Sunday only the help articles answer."
)
for a in "${articles[@]}"; do
  curl -s -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"title\":\"${a%%|*}\",\"content\":\"${a#*|}\"}" "http://127.0.0.1:$MEM_PORT/v1/collections/$collection/documents"
done
runtime=$(load token "$work/keys/private.pem" "$KB_TENANT" agent-runtime)
for _ in $(seq 1 60); do  # indexing may run in the background
  hits=$(curl -s -H "Authorization: Bearer $runtime" -H 'Content-Type: application/json' -d '{"query":"opening hours","mode":"vector"}' \
    "http://127.0.0.1:$MEM_PORT/v1/collections/$collection/search" | grep -o '"vector_similarity"' | wc -l)
  [ "$hits" -ge 5 ] && break
  sleep 1
done
curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"kb_collection_id\":\"$collection\"}" "http://127.0.0.1:$CONV_PORT/v1/support/settings" | grep -q 200 \
  || { echo "could not set the support settings" >&2; exit 1; }

if [ "$MODE" = threshold ]; then
  # What kb_min_similarity separates a chunk that answers a question from the best a question the
  # articles cannot answer finds. Ten questions each answered by one article (same order as the
  # articles), ten the articles do not answer; memory-service's vector_similarity of every article.
  say "# knowledge-base threshold, $(date -u +%Y-%m-%dT%H:%M:%SZ), the in-process model (bge-small-en-v1.5-q)"
  python3 - "$MEM_PORT" "$collection" "$runtime" <<'PY' | tee -a "$results"
import json, sys, urllib.request
port, collection, token = sys.argv[1:4]
answerable = ["How do I reset my password?", "My parcel has not arrived yet, where is it?", "Can I change my delivery address?",
    "How long does a refund take to reach my card?", "The app crashes when I open my orders", "Do you ship to Da Nang?",
    "How do I cancel my subscription?", "I was charged twice for one order", "Where can I download my invoice?",
    "What are your opening hours on Sunday?"]
titles = ["Passwords", "Delivery times", "Changing the address", "Refunds", "App problems", "Shipping areas", "Subscriptions",
    "Double charges", "Invoices", "Opening hours"]
unanswerable = ["Can I pay with Bitcoin?", "Do you sell gift cards?", "Is there a student discount?", "Who is your CEO?",
    "Can I bring my dog to the store?", "Are you hiring delivery drivers?", "What is the warranty on headphones?",
    "How do I become a reseller?", "Do you sell my data to advertisers?", "Can you install the TV for me?"]
def search(q):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/collections/{collection}/search",
        data=json.dumps({"query": q, "mode": "vector", "limit": 10}).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    items = json.load(urllib.request.urlopen(req))["items"]
    return {i["source"]["title"]: i["vector_similarity"] for i in items}
right, wrong_best, none_best = [], [], []
for q, t in zip(answerable, titles):
    sims = search(q)
    right.append(sims.get(t, 0.0))
    wrong_best.append(max(v for k, v in sims.items() if k != t))
    print(f"answerable  {sims.get(t, 0.0):.3f} (its article)  {wrong_best[-1]:.3f} (best other)  {q}")
for q in unanswerable:
    sims = search(q)
    none_best.append(max(sims.values()))
    print(f"unanswered  {none_best[-1]:.3f} (best article)  {q}")
print(f"RESULT its-article min={min(right):.3f} median={sorted(right)[5]:.3f} max={max(right):.3f}")
print(f"RESULT best-other-article min={min(wrong_best):.3f} median={sorted(wrong_best)[5]:.3f} max={max(wrong_best):.3f}")
print(f"RESULT unanswerable-best min={min(none_best):.3f} median={sorted(none_best)[5]:.3f} max={max(none_best):.3f}")
for th in [0.5, 0.55, 0.6, 0.65, 0.7, 0.75]:
    answered = sum(1 for r in right if r >= th)
    false_answers = sum(1 for n in none_best if n >= th)
    print(f"RESULT threshold={th:.2f} answerable_answered={answered}/10 unanswerable_answered={false_answers}/10")
PY
  exit 0
fi

say "# support desk benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "machine: $(nproc) cpus, $(free -m | awk '/Mem:/ {print $2}') MB RAM; $(psql --version | head -1); java $(java -version 2>&1 | head -1)"
say "knowledge base: 10 articles in collection $collection; answers quote chunks at similarity >= 0.5, no LLM"
for c in 1 4; do
  say "load average before c=$c: $(cut -d' ' -f1-3 /proc/loadavg)"
  load search "http://127.0.0.1:$MEM_PORT" "$work/keys/private.pem" "$KB_TENANT" "$collection" "$c" 10 "$SECONDS_PER_RUN" "$mem_pid" \
    | grep '^RESULT' | tee -a "$results"
  load create "http://127.0.0.1:$CONV_PORT" "$work/keys/private.pem" "$KB_TENANT" "$c" 10 "$SECONDS_PER_RUN" "$conv_pid" \
    | grep '^RESULT' | tee -a "$results"
done
answered=$(as_owner -c "SELECT set_config('app.tenant_id', '$KB_TENANT', false)" \
  -c "SELECT count(*) FILTER (WHERE message_count > 0) || ' of ' || count(*) FROM conversation.tickets" | tail -1)
say "tickets answered from the knowledge base: $answered"

# 1,000,000 tickets: tenant 1 has 200,000 (on top of the ones above), tenants 2..100 about 8,080 each.
log "seeding 1,000,000 tickets over 100 tenants"
as_owner -c "DO \$\$ DECLARE n integer; BEGIN FOR k IN 1..100 LOOP
    PERFORM set_config('app.tenant_id', '00000000-0000-7000-8000-0000000b' || lpad(to_hex(k), 4, '0'), true);
    n := CASE WHEN k = 1 THEN 200000 ELSE 8081 END;
    INSERT INTO conversation.tickets (id, tenant_id, title, status, priority, source, created_at, updated_at)
    SELECT gen_random_uuid(), current_setting('app.tenant_id')::uuid, 'Ticket ' || g,
           (ARRAY['open','in_progress','pending_customer','resolved','closed','escalated','reopened'])[1 + g % 7],
           (ARRAY['low','medium','high','urgent'])[1 + g % 4], 'web',
           now() - g * interval '7 seconds', now() - g * interval '5 seconds'
    FROM generate_series(1, n) g;
  END LOOP; END \$\$" > /dev/null
as_owner -c "ANALYZE conversation.tickets" > /dev/null
say "tickets in the table: $(PGPASSWORD=$PGPASSWORD_OWNER psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -Atq -c "SELECT reltuples::bigint FROM pg_class WHERE oid = 'conversation.tickets'::regclass")"

# pgbench: the service's statements for one page, as the runtime role under RLS.
list_sql() {  # $1 tenant, $2 status or empty
  local status=${2:+"'$2'"}; status=${status:-NULL}
  cat <<SQL
BEGIN;
SELECT set_config('app.tenant_id', '$1', true), set_config('app.platform_admin', '', true);
SELECT id, title, description, status, priority, source, session_id, assigned_to, created_by, metadata, escalation, message_count, created_at, updated_at
  FROM conversation.tickets t WHERE tenant_id = '$1' AND ($status::text IS NULL OR status = $status) AND (NULL::text IS NULL OR priority = NULL)
  AND (NULL::uuid IS NULL OR assigned_to = NULL) AND (NULL::timestamptz IS NULL OR updated_at > NULL) AND (NULL::timestamptz IS NULL OR updated_at < NULL)
  ORDER BY updated_at DESC, id DESC LIMIT 51;
COMMIT;
SQL
}
pgbench_run() {  # $1 label, $2 tenant, $3 status, $4 clients
  list_sql "$2" "$3" > "$work/list.sql"
  rm -f "$work"/pgbench_log.*
  (cd "$work" && PGPASSWORD=$APP_PASSWORD pgbench -h 127.0.0.1 -U "$APP" -n -c "$4" -j 1 -T "$SECONDS_PER_RUN" -l \
    --log-prefix=pgbench_log -f list.sql "$DB" > pgbench.out 2>&1)
  python3 - "$1" "$4" "$work" <<'PY'
import glob, sys
lat = sorted(int(l.split()[2]) / 1000 for f in glob.glob(sys.argv[3] + '/pgbench_log.*') for l in open(f))
p = lambda q: lat[min(len(lat) - 1, max(0, int(-(-q * len(lat) // 100)) - 1))]
secs = float(open(sys.argv[3] + '/pgbench.out').read().split('duration: ')[1].split(' ')[0])
print(f"RESULT {sys.argv[1]} c={sys.argv[2]} requests={len(lat)} rps={len(lat)/secs:.0f} p50_ms={p(50):.2f} p95_ms={p(95):.2f} p99_ms={p(99):.2f}")
PY
}
big=$(tenant_of 1)
small=$(tenant_of 50)
for c in 1 8; do
  say "load average before c=$c: $(cut -d' ' -f1-3 /proc/loadavg)"
  load list "http://127.0.0.1:$CONV_PORT" "$work/keys/private.pem" "$big" "$c" 5 "$SECONDS_PER_RUN" "status=open&limit=50" "$conv_pid" \
    | grep '^RESULT' | sed 's/api-list-tickets/api-list-tickets(big,status=open)/' | tee -a "$results"
  pgbench_run "sql-list-tickets(big,status=open)" "$big" open "$c" | tee -a "$results"
  load list "http://127.0.0.1:$CONV_PORT" "$work/keys/private.pem" "$small" "$c" 5 "$SECONDS_PER_RUN" "limit=50" "$conv_pid" \
    | grep '^RESULT' | sed 's/api-list-tickets/api-list-tickets(small,all)/' | tee -a "$results"
  pgbench_run "sql-list-tickets(small,all)" "$small" "" "$c" | tee -a "$results"
done
say "service log errors: memory $(grep -c ' ERROR ' "$work/memory.log" || true), conversation $(grep -c ' ERROR ' "$work/conversation.log" || true)"
log "done: $results"
