-- Retention per tenant and the hash chain's anchor (issue 17, "an anchor hash is kept when old
-- partitions go").
--
-- Every month's partition holds every tenant, and tenants keep their trail for different times, so
-- retention is two steps, both run as ${redactor_role} by audit-service's retention job:
--   1. whole monthly partitions older than the LONGEST retention of any tenant are dropped
--      (drop_partitions_before, below: only the owner may drop a partition);
--   2. what is older than a tenant's own retention is deleted in bounded batches, one short
--      transaction each, bound to the tenant for RLS like every other statement.
--
-- chain_anchors: removing rows of a tenant's audit_logs chain would leave its next kept row
-- pointing at a hash no longer there (verify: previous_row_missing). Each removal therefore keeps,
-- in the same transaction, the chain_seq and row_hash of every removed row whose successor is not
-- removed with it (for the usual removal of a chain's oldest rows: one anchor, the last removed
-- row). Verification and the next append follow an anchor where the row is gone. A row deleted
-- any other way has no anchor and is still reported. Rows are ordered by chain_seq, not by time:
-- a late record (old created_at, high chain_seq) removed from the middle of the chain gets its own
-- anchor, so retention by time never breaks the chain.
--   * reason: 'retention' (the batched delete) or 'partition_dropped'; removed_before: the
--     cutoff that removed the row; anchored_at: when.
--   * The runtime role reads anchors (verify, the chain's head) and never writes them; the
--     redactor role inserts them and cannot change or delete one. Forced RLS like every table.

CREATE TABLE chain_anchors (
    tenant_id           uuid NOT NULL,
    chain_seq           bigint NOT NULL CHECK (chain_seq >= 1),
    row_hash            bytea NOT NULL,
    reason              varchar(32) NOT NULL CHECK (reason IN ('retention', 'partition_dropped')),
    removed_before      timestamptz NOT NULL,
    anchored_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_chain_anchors PRIMARY KEY (tenant_id, chain_seq)
);
ALTER TABLE chain_anchors ENABLE ROW LEVEL SECURITY;
ALTER TABLE chain_anchors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON chain_anchors
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The retention job must learn which tenants hold old rows before it can bind one, and dropping a
-- partition must anchor every tenant's chain in it. Rather than widen the redactor role, SECURITY
-- DEFINER functions run as the owner, who alone gets these policies (memory-service does the same
-- for its retention sweep); they answer tenant ids or partition names, nothing else. The policies
-- hold only while app.retention_sweep is 'on', which only these functions set (and unset before
-- they return): the owner's other sessions still see one bound tenant at a time. (A function's
-- SET clause would be neater; PostgreSQL lets only a superuser put a custom setting there.)
CREATE POLICY retention_sweep ON turn_records FOR SELECT TO CURRENT_USER USING (current_setting('app.retention_sweep', true) = 'on');
CREATE POLICY retention_sweep ON audit_events FOR SELECT TO CURRENT_USER USING (current_setting('app.retention_sweep', true) = 'on');
CREATE POLICY retention_sweep ON audit_logs FOR SELECT TO CURRENT_USER USING (current_setting('app.retention_sweep', true) = 'on');
CREATE POLICY retention_sweep ON usage_metrics FOR SELECT TO CURRENT_USER USING (current_setting('app.retention_sweep', true) = 'on');
CREATE POLICY retention_sweep ON integration_sync_logs FOR SELECT TO CURRENT_USER USING (current_setting('app.retention_sweep', true) = 'on');
CREATE POLICY retention_sweep ON chain_anchors FOR SELECT TO CURRENT_USER USING (current_setting('app.retention_sweep', true) = 'on');
CREATE POLICY retention_anchor ON chain_anchors FOR INSERT TO CURRENT_USER WITH CHECK (current_setting('app.retention_sweep', true) = 'on');

-- Tenants with a row of any audit table before p_cutoff (on each table's partition column): a
-- skip scan over the (tenant_id, ...) indexes of the partitions before the cutoff, one probe per
-- tenant, not a scan of the rows. A tenant may come more than once (once per table).
CREATE FUNCTION tenants_with_rows_before(p_cutoff timestamptz) RETURNS SETOF uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}, pg_catalog
    AS $$
DECLARE
    t record;
BEGIN
    PERFORM set_config('app.retention_sweep', 'on', true);
    FOR t IN SELECT * FROM (VALUES ('turn_records', 'created_at'), ('audit_events', 'created_at'),
                                   ('audit_logs', 'created_at'), ('usage_metrics', 'period_start'),
                                   ('integration_sync_logs', 'started_at')) AS v (tbl, col) LOOP
        RETURN QUERY EXECUTE format(
            'WITH RECURSIVE s (tenant_id) AS ('
            '  (SELECT tenant_id FROM %1$I WHERE %2$I < $1 ORDER BY tenant_id LIMIT 1)'
            '  UNION ALL'
            '  SELECT (SELECT x.tenant_id FROM %1$I x WHERE x.tenant_id > s.tenant_id AND x.%2$I < $1'
            '          ORDER BY x.tenant_id LIMIT 1) FROM s WHERE s.tenant_id IS NOT NULL)'
            ' SELECT tenant_id FROM s WHERE tenant_id IS NOT NULL', t.tbl, t.col) USING p_cutoff;
    END LOOP;
    PERFORM set_config('app.retention_sweep', '', true);
END
$$;
REVOKE ALL ON FUNCTION tenants_with_rows_before(timestamptz) FROM PUBLIC;

-- Drops every monthly partition (of all five tables) that ends on or before p_cutoff, and answers
-- the names dropped. Before an audit_logs partition goes, each tenant's chain is anchored at every
-- row of it whose successor is not in it too, under an exclusive lock on the partition (an append
-- waits, then reads the anchor as its chain's head). Refuses a cutoff in the future.
CREATE FUNCTION drop_partitions_before(p_cutoff timestamptz) RETURNS SETOF text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}, pg_catalog
    AS $$
DECLARE
    part        record;
    month_start timestamptz;
    month_end   timestamptz;
BEGIN
    IF p_cutoff IS NULL OR p_cutoff > now() THEN
        RAISE EXCEPTION 'partition cutoff % is in the future', p_cutoff USING ERRCODE = '22023';
    END IF;
    PERFORM set_config('app.retention_sweep', 'on', true);
    FOR part IN
        SELECT c.relname AS name, p.relname AS parent,
               (regexp_match(c.relname, '_y([0-9]{4})m([0-9]{2})$'))::int[] AS ym
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
          JOIN pg_class p ON p.oid = i.inhparent
          JOIN pg_namespace n ON n.oid = p.relnamespace
         WHERE n.nspname = '${schema}'
           AND p.relname IN ('turn_records', 'audit_events', 'audit_logs', 'usage_metrics', 'integration_sync_logs')
           AND c.relname ~ '_y[0-9]{4}m[0-9]{2}$'
         ORDER BY 3, 2
    LOOP
        month_start := make_timestamp(part.ym[1], part.ym[2], 1, 0, 0, 0) AT TIME ZONE 'UTC';
        month_end := (make_timestamp(part.ym[1], part.ym[2], 1, 0, 0, 0) + interval '1 month') AT TIME ZONE 'UTC';
        CONTINUE WHEN month_end > p_cutoff;
        EXECUTE format('LOCK TABLE %I.%I IN ACCESS EXCLUSIVE MODE', '${schema}', part.name);
        IF part.parent = 'audit_logs' THEN
            INSERT INTO chain_anchors (tenant_id, chain_seq, row_hash, reason, removed_before)
            SELECT l.tenant_id, l.chain_seq, l.row_hash, 'partition_dropped', month_end
              FROM audit_logs l
             WHERE l.created_at >= month_start AND l.created_at < month_end
               AND NOT EXISTS (SELECT 1 FROM audit_logs n
                                WHERE n.tenant_id = l.tenant_id AND n.chain_seq = l.chain_seq + 1
                                  AND n.created_at >= month_start AND n.created_at < month_end)
            ON CONFLICT DO NOTHING;
        END IF;
        EXECUTE format('DROP TABLE %I.%I', '${schema}', part.name);
        RETURN NEXT part.name;
    END LOOP;
    PERFORM set_config('app.retention_sweep', '', true);
END
$$;
REVOKE ALL ON FUNCTION drop_partitions_before(timestamptz) FROM PUBLIC;

GRANT SELECT ON chain_anchors TO ${app_role};

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${redactor_role}') THEN
        EXECUTE 'GRANT SELECT, INSERT ON chain_anchors TO ${redactor_role}';
        EXECUTE 'GRANT EXECUTE ON FUNCTION tenants_with_rows_before(timestamptz), '
             || 'drop_partitions_before(timestamptz) TO ${redactor_role}';
    END IF;
END
$$;
