#!/usr/bin/env bash
# audit-service retention: the batched per-tenant delete (RetentionJob's statements, as the
# retention role) beside dropping a whole monthly partition (drop_partitions_before), same run.
#
# Loads, straight into the audit schema as the owner (tenant bound, as bench/audit/query.sh does):
#   tenant D ("delete"): ROWS turn records and LOGS hash-chained audit_logs in March 2001;
#   tenant P ("partition"): the same amounts in April 2001.
# Then, as agentry_audit_redactor:
#   1. D's turn records deleted in batches of BATCH (pgbench: BEGIN; bind tenant; DELETE ... LIMIT;
#      COMMIT per batch, one connection, as RetentionStore does), then D's audit_logs the same way
#      with the chain lock and the anchor insert (RetentionStore.DELETE_LOGS);
#   2. drop_partitions_before('2001-05-01'): the March partitions (now empty) and April's five
#      partitions, anchoring P's chain first, in one transaction.
# Prints rows/s of the deletes, their per-batch latency p50/p95 (how long each transaction holds
# its locks), the drop's time, and the load average before and after.
#
# Usage: bench/audit/retention.sh [rows=500000] [logs=100000] [batch=1000]
# Environment: AGENTRY_DB_NAME (default agentry; the audit schema must be migrated to V3: start
# audit-service once), AGENTRY_DB_OWNER_*, AGENTRY_DB_AUDIT_REDACTOR_* as in deploy/local/db-setup.sh.
# It drops every audit partition before May 2001 of that database: run it on a database whose audit
# trail holds nothing that old (the suite's own never does: ensure_partitions starts at 2000-01).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$root/bench/audit/target"
mkdir -p "$work"

ROWS=${1:-500000}
LOGS=${2:-100000}
BATCH=${3:-1000}
DB=${AGENTRY_DB_NAME:-agentry}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
OWNER_PASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
RED=${AGENTRY_DB_AUDIT_REDACTOR_USER:-agentry_audit_redactor}
RED_PASSWORD=${AGENTRY_DB_AUDIT_REDACTOR_PASSWORD:-agentry_audit_redactor}
D=00000000-0000-7000-8000-00000000ad01
P=00000000-0000-7000-8000-00000000ad02

as_owner() { PGPASSWORD=$OWNER_PASSWORD psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }
as_red() { PGPASSWORD=$RED_PASSWORD psql -h 127.0.0.1 -U "$RED" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }
log() { echo "[bench $(date -u +%H:%M:%S)] $*" | tee -a "$work/retention-results.txt"; }
secs() { date +%s.%N; }
rate() { python3 -c "print(f'{$1 / ($2):,.0f}')"; }
count() { as_owner -c "SELECT set_config('app.tenant_id', '$1', false)" -c "SELECT count(*) FROM audit.$2 WHERE tenant_id = '$1'" | tail -1; }

if [ "$(as_owner -c "SELECT to_regclass('audit.chain_anchors') IS NOT NULL")" != t ]; then
  echo "the audit schema of $DB is not migrated to V3 (chain_anchors): start audit-service on it once"; exit 1
fi

load() { # tenant, month start
  local t=$1 m=$2
  as_owner -c "SET search_path = audit, public" -c "SELECT set_config('app.tenant_id', '$t', false)" \
    -c "DELETE FROM audit.turn_records WHERE tenant_id = '$t'" \
    -c "DELETE FROM audit.audit_logs WHERE tenant_id = '$t'" \
    -c "DELETE FROM audit.chain_anchors WHERE tenant_id = '$t'" \
    -c "INSERT INTO audit.turn_records (id, tenant_id, session_id, turn_number, user_message, assistant_response,
          rules_matched, tools_executed, token_usage, latency_ms, model, created_at)
        SELECT gen_random_uuid(), '$t', md5('$t:' || (g / 20))::uuid, g % 20,
               'customer message number ' || g || ' about an order and its delivery', 'assistant answer ' || g,
               '[{\"name\": \"refund\", \"score\": 0.91}]', '[]', '{\"input\": 120, \"output\": 30}', 40 + g % 400,
               'stand-in-model', timestamptz '$m' + (g::float8 * (2400000.0 / $ROWS)) * interval '1 second'
        FROM generate_series(0, $ROWS - 1) AS g" \
    -c "INSERT INTO audit.audit_logs (id, tenant_id, actor, action, resource_type, resource_id, new_values, status,
          metadata, created_at, chain_seq, content_hash, row_hash)
        SELECT id, '$t', 'user:bench', 'agent.updated', 'agent', rid, nv, 'success', '{}', created_at, seq, ch,
               audit.hash_chain(NULL::bytea, audit.audit_log_digest(id, '$t', seq, NULL, 'user:bench', 'agent.updated',
                   'agent', rid, 'success', created_at, ch)) OVER (ORDER BY seq)
        FROM (SELECT id, seq, rid, nv, created_at, audit.audit_log_content_hash(NULL, nv, NULL, NULL, NULL, '{}') AS ch
              FROM (SELECT gen_random_uuid() AS id, g + 1 AS seq, 'a' || g AS rid, jsonb_build_object('name', 'value ' || g) AS nv,
                           timestamptz '$m' + (g::float8 * (2400000.0 / $LOGS)) * interval '1 second' AS created_at
                    FROM generate_series(0, $LOGS - 1) AS g) r) x" >/dev/null
}

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); db $DB; rows $ROWS turn records + $LOGS audit logs per tenant; batch $BATCH; commit $(git rev-parse --short HEAD)"
as_owner -c "SELECT audit.ensure_partitions('2001-03-01', '2001-04-30')" >/dev/null
t0=$(secs)
load "$D" "2001-03-01 00:00:00+00"
load "$P" "2001-04-01 00:00:00+00"
as_owner -c "ANALYZE audit.turn_records" -c "ANALYZE audit.audit_logs" >/dev/null
log "loaded in $(python3 -c "print(round($(secs) - $t0, 1))") s: D $(count "$D" turn_records) turns / $(count "$D" audit_logs) logs (March), P $(count "$P" turn_records) / $(count "$P" audit_logs) (April)"

batches() { # pgbench script, transactions, label, rows
  local script=$1 n=$2 label=$3 rows=$4
  rm -f "$work"/pgbench_log.*
  local s; s=$(secs)
  (cd "$work" && PGPASSWORD=$RED_PASSWORD pgbench -h 127.0.0.1 -U "$RED" -n -M prepared -c 1 -t "$n" -l -f "$script" "$DB" >/dev/null)
  local e; e=$(python3 -c "print($(secs) - $s)")
  local lat; lat=$(awk '{print $3 / 1000}' "$work"/pgbench_log.* | python3 -c "
import sys; v=sorted(float(x) for x in sys.stdin if x.strip()); n=len(v)
print(f'per batch p50 {v[n//2]:.1f} ms, p95 {v[int(n*0.95)-1]:.1f} ms, {n} transactions')")
  log "$label: $rows rows in $(python3 -c "print(round($e, 2))") s: $(rate "$rows" "$e") rows/s; $lat"
}

cat >"$work/delete-turns.sql" <<SQL
BEGIN;
SELECT set_config('app.tenant_id', '$D', true);
DELETE FROM audit.turn_records WHERE tenant_id = '$D' AND (id, created_at) IN
  (SELECT id, created_at FROM audit.turn_records WHERE tenant_id = '$D' AND created_at < '2001-04-01 00:00:00+00' LIMIT $BATCH);
COMMIT;
SQL
cat >"$work/delete-logs.sql" <<SQL
BEGIN;
SELECT set_config('app.tenant_id', '$D', true);
SELECT pg_advisory_xact_lock(hashtextextended('audit_logs:' || '$D'::uuid::text, 0));
WITH doomed AS (
    SELECT id, created_at FROM audit.audit_logs
    WHERE tenant_id = '$D' AND created_at < '2001-04-01 00:00:00+00' ORDER BY chain_seq LIMIT $BATCH
), gone AS (
    DELETE FROM audit.audit_logs l USING doomed d
    WHERE l.tenant_id = '$D' AND l.id = d.id AND l.created_at = d.created_at
    RETURNING l.chain_seq, l.row_hash
), anchored AS (
    INSERT INTO audit.chain_anchors (tenant_id, chain_seq, row_hash, reason, removed_before)
    SELECT '$D', g.chain_seq, g.row_hash, 'retention', '2001-04-01 00:00:00+00'
    FROM (SELECT chain_seq, row_hash, lead(chain_seq) OVER (ORDER BY chain_seq) AS next FROM gone) g
    WHERE g.next IS DISTINCT FROM g.chain_seq + 1
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM anchored);
COMMIT;
SQL
batches "$work/delete-turns.sql" $(( (ROWS + BATCH - 1) / BATCH )) "batched delete, turn_records" "$ROWS"
batches "$work/delete-logs.sql" $(( (LOGS + BATCH - 1) / BATCH )) "batched delete with anchors, audit_logs" "$LOGS"
left_t=$(count "$D" turn_records); left_l=$(count "$D" audit_logs)
anchors=$(as_owner -c "SELECT set_config('app.tenant_id', '$D', false)" -c "SELECT count(*) FROM audit.chain_anchors WHERE tenant_id = '$D'" | tail -1)
log "left after the deletes: $left_t turn records, $left_l audit logs of D; $anchors anchors kept"

s=$(secs)
dropped=$(as_red -c "SELECT string_agg(p, ' ') FROM audit.drop_partitions_before('2001-05-01 00:00:00+00') p")
e=$(python3 -c "print($(secs) - $s)")
p_anchor=$(as_owner -c "SELECT set_config('app.tenant_id', '$P', false)" -c "SELECT chain_seq FROM audit.chain_anchors WHERE tenant_id = '$P'" | tail -1)
log "drop_partitions_before(2001-05): $(python3 -c "print(round($e * 1000))") ms for $(( ROWS + LOGS )) rows of P (April) and D's emptied March: $(rate "$(( ROWS + LOGS ))" "$e") rows/s equivalent; P's chain anchored at $p_anchor; dropped: $dropped"
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
