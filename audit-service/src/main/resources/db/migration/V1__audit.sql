-- audit-service, schema "audit": the audit trail. Five append-only tables, each partitioned by
-- month on its event time, fed by a Redis Stream consumer group (and an HTTP batch endpoint).
--
-- Sources: production-stores-data-model.md "AuditStore Tables" (turn_records, audit_events);
-- agentic-platform-schema-spec.md tables 10 and 11 (usage_metrics, audit_logs) and its
-- "Partitioning Strategy"; support-ticket-schema.md (integration_sync_logs). Every field of each
-- seed table is here. Departures, and why:
--   * Partitioned by RANGE on the event time, one partition per calendar month (UTC):
--     turn_records, audit_events and audit_logs on created_at, usage_metrics on period_start (the
--     seed's choice), integration_sync_logs on started_at (the same for every state of one run,
--     so a run's rows share a partition). Partitions are made ahead by ensure_partitions() below:
--     by this migration (the previous month to three months ahead), by audit-service once a day,
--     and by audit-service before it writes a batch holding a month it has not seen (so a record of
--     any month from 2000 to 25 months ahead always has a partition; no DEFAULT partition, which
--     would block creating the month's partition once it held a row of that month).
--   * Ids are UUID v7 made by the producer (the record's id on the stream), no DB default. A
--     unique key on a partitioned table must hold the partition column, so the primary keys are
--     (tenant_id, id, <time>): idempotency is by id AND time, which a retried record always
--     repeats (both travel inside it). Writes are INSERT ... ON CONFLICT DO NOTHING.
--   * tenant_id is a UUID everywhere (support-ticket's INTEGER tenant and SERIAL id are not
--     Agentry's ids) and NOT NULL; no foreign key to tenants (they live in config-service).
--   * audit_events.turn_id REFERENCES turn_records(id) is dropped: a foreign key into a partitioned
--     table must name its whole unique key, partition column included, and stream order is not
--     guaranteed (an event may be stored before its turn). turn_id stays, indexed, unchecked.
--   * turn_records and audit_events gain what a trace needs: agent_id, profile_id, trace_id, and
--     (turn_records) model and cost_usd. rules_matched and tools_executed are NOT NULL arrays
--     (the seed's DEFAULT '[]' still allowed an explicit NULL); latency_ms, turn_number >= 0.
--   * Every table gains recorded_at (when audit-service stored the row; created_at et al. are when
--     it happened at the producer) and redacted_at (set by erasure, which replaces personal text
--     but keeps counts, timings and hashes).
--   * audit_logs: actor_id (the seed's "reference to user", a UUID when the actor is a user) plus
--     actor, the token subject as written by the services (user:<id>, api-key:<id>, ...); status is
--     'success' | 'failure'; ip_address is inet. Hash chain per tenant: chain_seq (1, 2, 3 ...
--     gap-free per tenant), content_hash (SHA-256 of the personal/free-text part: old and new
--     values, IP, user agent, error, metadata) and row_hash = SHA-256(previous row_hash || digest
--     of this row's other fields and content_hash); the first row's previous hash is empty.
--     Inserts are serialised per tenant (advisory transaction lock in the service). Erasure
--     replaces the content but keeps content_hash, so the chain still verifies.
--   * usage_metrics: metric_value is bigint (token counts outgrow INTEGER), >= 0; period_end >
--     period_start; metric_type is a lower-case token.
--   * integration_sync_logs: INSERT PER STATE. A run (sync_run_id, new) writes one row per state
--     it reaches (pending, running, success | failed) with the counts at that point; the run's
--     current state is its latest row. This keeps every audit table insert-only for the runtime
--     role (no UPDATE grant anywhere), at the cost of a few rows per run. The seed's columns are
--     kept (metadata_json included, under that name).
--   * Lists are ordered by id (UUID v7: the producer's emission time), which cursor pagination
--     uses; indexes lead with tenant_id.
--   * Row-level security is ENABLED and FORCED on every table AND every partition, keyed on
--     app.tenant_id. Through the parent the parent's policy applies; a partition has no policy of
--     its own, so reading or writing one directly sees nothing (and the runtime role has no
--     privilege on partitions anyway).
--   * The runtime role (${app_role}) gets SELECT and INSERT only: an audit row is never updated or
--     deleted by the service's normal paths. Erasure and retention run as ${redactor_role}
--     (deploy/local/db-setup.sh), which gets SELECT, UPDATE and DELETE when it exists.
--   * Retention (not built yet): every month holds every tenant, so a tenant's plan retention is
--     a batched DELETE per tenant as ${redactor_role}; dropping a whole month (the longest
--     retention) must first store the tenant's last row_hash of that month as the chain's anchor.

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE turn_records (
    id                  uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    session_id          uuid NOT NULL,
    turn_number         integer NOT NULL CHECK (turn_number >= 0),
    user_message        text NOT NULL,
    assistant_response  text,
    context_extracted   jsonb,
    rules_matched       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(rules_matched) = 'array'),
    scenario_state      jsonb,
    tools_executed      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tools_executed) = 'array'),
    token_usage         jsonb,
    latency_ms          integer CHECK (latency_ms >= 0),
    agent_id            uuid,
    profile_id          uuid,
    trace_id            varchar(64),
    model               varchar(200),
    cost_usd            numeric(14, 6) CHECK (cost_usd >= 0),
    created_at          timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    redacted_at         timestamptz,
    CONSTRAINT pk_turn_records PRIMARY KEY (tenant_id, id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX idx_turn_records_session ON turn_records (tenant_id, session_id, turn_number, id);
CREATE INDEX idx_turn_records_created ON turn_records (tenant_id, created_at DESC);
CREATE INDEX idx_turn_records_profile ON turn_records (tenant_id, profile_id) WHERE profile_id IS NOT NULL;

CREATE TABLE audit_events (
    id                  uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    session_id          uuid,
    turn_id             uuid,
    event_type          varchar(50) NOT NULL,
    event_data          jsonb NOT NULL,
    agent_id            uuid,
    profile_id          uuid,
    trace_id            varchar(64),
    created_at          timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    redacted_at         timestamptz,
    CONSTRAINT pk_audit_events PRIMARY KEY (tenant_id, id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX idx_audit_events_type ON audit_events (tenant_id, event_type, id);
CREATE INDEX idx_audit_events_session ON audit_events (tenant_id, session_id, id) WHERE session_id IS NOT NULL;
CREATE INDEX idx_audit_events_turn ON audit_events (tenant_id, turn_id) WHERE turn_id IS NOT NULL;
CREATE INDEX idx_audit_events_created ON audit_events (tenant_id, created_at DESC);
CREATE INDEX idx_audit_events_profile ON audit_events (tenant_id, profile_id) WHERE profile_id IS NOT NULL;

CREATE TABLE audit_logs (
    id                  uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    actor_id            uuid,
    actor               varchar(255),
    action              varchar(100) NOT NULL,
    resource_type       varchar(100) NOT NULL,
    resource_id         varchar(255),
    old_values          jsonb,
    new_values          jsonb,
    ip_address          inet,
    user_agent          text,
    status              varchar(16) NOT NULL CHECK (status IN ('success', 'failure')),
    error_message       text,
    metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at          timestamptz NOT NULL,
    chain_seq           bigint NOT NULL CHECK (chain_seq >= 1),
    content_hash        bytea NOT NULL,
    row_hash            bytea NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    redacted_at         timestamptz,
    CONSTRAINT pk_audit_logs PRIMARY KEY (tenant_id, id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX idx_audit_logs_chain ON audit_logs (tenant_id, chain_seq);
CREATE INDEX idx_audit_logs_actor ON audit_logs (tenant_id, actor, id);
CREATE INDEX idx_audit_logs_action ON audit_logs (tenant_id, action, id);
CREATE INDEX idx_audit_logs_resource ON audit_logs (tenant_id, resource_type, resource_id, id);
CREATE INDEX idx_audit_logs_created ON audit_logs (tenant_id, created_at DESC);

CREATE TABLE usage_metrics (
    id                  uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    metric_type         varchar(50) NOT NULL,
    metric_value        bigint NOT NULL CHECK (metric_value >= 0),
    agent_id            uuid,
    user_id             uuid,
    metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    recorded_at         timestamptz NOT NULL,
    period_start        timestamptz NOT NULL,
    period_end          timestamptz NOT NULL,
    redacted_at         timestamptz,
    CONSTRAINT pk_usage_metrics PRIMARY KEY (tenant_id, id, period_start),
    CONSTRAINT chk_usage_period CHECK (period_end > period_start)
) PARTITION BY RANGE (period_start);
CREATE INDEX idx_usage_metrics_type ON usage_metrics (tenant_id, metric_type, period_start);
CREATE INDEX idx_usage_metrics_recorded ON usage_metrics (tenant_id, recorded_at DESC);

CREATE TABLE integration_sync_logs (
    id                  uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    sync_run_id         uuid NOT NULL,
    system              varchar(32) NOT NULL,
    direction           varchar(16) NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    status              varchar(16) NOT NULL CHECK (status IN ('pending', 'running', 'success', 'failed')),
    records_processed   integer NOT NULL DEFAULT 0 CHECK (records_processed >= 0),
    error_message       text,
    started_at          timestamptz NOT NULL,
    completed_at        timestamptz,
    metadata_json       jsonb,
    recorded_at         timestamptz NOT NULL,
    redacted_at         timestamptz,
    CONSTRAINT pk_integration_sync_logs PRIMARY KEY (tenant_id, id, started_at)
) PARTITION BY RANGE (started_at);
CREATE INDEX idx_sync_logs_run ON integration_sync_logs (tenant_id, sync_run_id, id);
CREATE INDEX idx_sync_logs_system ON integration_sync_logs (tenant_id, system, id);

-- Row-level security on the parents (partitions get theirs in ensure_partitions).
ALTER TABLE turn_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE turn_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON turn_records
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_logs
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE usage_metrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_metrics FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_metrics
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE integration_sync_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_sync_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_sync_logs
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- Monthly partitions of every audit table for each month touching [p_from, p_to], made only where
-- missing, each with RLS enabled and forced. SECURITY DEFINER: it runs as the schema owner (only
-- the owner may create partitions), callable by the runtime role, bounded to 2000-01 .. 25 months
-- ahead and 120 months per call. Answers how many partitions it created.
CREATE FUNCTION ensure_partitions(p_from timestamptz, p_to timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}, pg_catalog
    AS $$
DECLARE
    month_start date;
    last_month  date;
    parent      text;
    part        text;
    made        integer := 0;
BEGIN
    IF p_from IS NULL OR p_to IS NULL OR p_to < p_from OR p_from < timestamptz '2000-01-01 00:00:00+00'
            OR p_to > now() + interval '25 months' THEN
        RAISE EXCEPTION 'partition range % .. % is outside 2000-01 .. 25 months ahead', p_from, p_to
            USING ERRCODE = '22023';
    END IF;
    month_start := date_trunc('month', p_from AT TIME ZONE 'UTC')::date;
    last_month := date_trunc('month', p_to AT TIME ZONE 'UTC')::date;
    IF last_month > month_start + interval '120 months' THEN
        RAISE EXCEPTION 'at most 120 months of partitions per call' USING ERRCODE = '22023';
    END IF;
    WHILE month_start <= last_month LOOP
        FOREACH parent IN ARRAY ARRAY['turn_records', 'audit_events', 'audit_logs', 'usage_metrics',
                                      'integration_sync_logs'] LOOP
            part := format('%s_y%sm%s', parent, to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
            IF to_regclass(format('%I.%I', '${schema}', part)) IS NULL THEN
                -- Two callers making the same month: the second waits, then finds it made.
                PERFORM pg_advisory_xact_lock(hashtext('${schema}.ensure_partitions'));
                IF to_regclass(format('%I.%I', '${schema}', part)) IS NULL THEN
                    EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                        '${schema}', part, '${schema}', parent,
                        (month_start::timestamp AT TIME ZONE 'UTC'),
                        ((month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
                    EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', '${schema}', part);
                    EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', '${schema}', part);
                    made := made + 1;
                END IF;
            END IF;
        END LOOP;
        month_start := (month_start + interval '1 month')::date;
    END LOOP;
    RETURN made;
END
$$;
REVOKE ALL ON FUNCTION ensure_partitions(timestamptz, timestamptz) FROM PUBLIC;

SELECT ensure_partitions(now() - interval '1 month', now() + interval '3 months');

-- The hash chain of audit_logs, defined once here so that writing and verifying cannot disagree.
-- Values are hashed through their jsonb text form (canonical: key order and spacing normalised),
-- times as integer microseconds since the epoch (independent of the session's TimeZone).
CREATE FUNCTION audit_log_content_hash(p_old jsonb, p_new jsonb, p_ip inet, p_user_agent text,
                                       p_error text, p_metadata jsonb) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT sha256(convert_to(jsonb_build_array(p_old, p_new, p_ip::text, p_user_agent, p_error,
                                                     p_metadata)::text, 'UTF8')) $$;

CREATE FUNCTION audit_log_digest(p_id uuid, p_tenant uuid, p_seq bigint, p_actor_id uuid, p_actor text,
                                 p_action text, p_resource_type text, p_resource_id text, p_status text,
                                 p_created_at timestamptz, p_content_hash bytea) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT sha256(convert_to(jsonb_build_array(p_id, p_tenant, p_seq, p_actor_id, p_actor, p_action,
                                                     p_resource_type, p_resource_id, p_status,
                                                     (extract(epoch FROM p_created_at) * 1000000)::bigint)::text,
                                   'UTF8') || p_content_hash) $$;

-- row_hash = sha256(previous row_hash || digest); the first row of a tenant follows the empty hash.
CREATE FUNCTION audit_log_link(p_prev bytea, p_digest bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT sha256(coalesce(p_prev, '\x'::bytea) || p_digest) $$;

-- The same link folded over a batch: hash_chain(seed, digest) OVER (ORDER BY chain_seq) is each
-- row's row_hash when seed is the row_hash before the batch.
CREATE FUNCTION hash_chain_step(p_state bytea, p_seed bytea, p_digest bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT audit_log_link(coalesce(p_state, p_seed), p_digest) $$;
CREATE AGGREGATE hash_chain(bytea, bytea) (SFUNC = hash_chain_step, STYPE = bytea);

GRANT USAGE ON SCHEMA ${schema} TO ${app_role};
GRANT SELECT, INSERT ON turn_records, audit_events, audit_logs, usage_metrics, integration_sync_logs
    TO ${app_role};
GRANT EXECUTE ON FUNCTION current_tenant_id(), ensure_partitions(timestamptz, timestamptz),
    audit_log_content_hash(jsonb, jsonb, inet, text, text, jsonb),
    audit_log_digest(uuid, uuid, bigint, uuid, text, text, text, text, text, timestamptz, bytea),
    audit_log_link(bytea, bytea), hash_chain_step(bytea, bytea, bytea)
    TO ${app_role};
GRANT EXECUTE ON ROUTINE hash_chain(bytea, bytea) TO ${app_role};

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${redactor_role}') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA ${schema} TO ${redactor_role}';
        EXECUTE 'GRANT SELECT, UPDATE, DELETE ON turn_records, audit_events, audit_logs, usage_metrics, '
             || 'integration_sync_logs TO ${redactor_role}';
        EXECUTE 'GRANT EXECUTE ON FUNCTION current_tenant_id() TO ${redactor_role}';
    END IF;
END
$$;
