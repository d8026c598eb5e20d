-- profile-service: erasure requests and each store's receipt (issue 17 item 7). An erasure deletes
-- the person here at once (DELETE /v1/profiles/{id}) and is announced on the event stream
-- (profile.erased); memory-, audit- and conversation-service each erase what they hold and answer
-- with a receipt (erasure.receipt), kept here and shown by GET /v1/profiles/erasures/{id}.
--
-- No personal data is kept: the ids of the erased profiles (random UUIDs that no longer resolve to
-- anyone), counts, times and the requesting token's subject.

CREATE TABLE profile_erasures (
    tenant_id              uuid NOT NULL,
    id                     uuid NOT NULL,
    requested_profile_id   uuid NOT NULL,
    erased_profile_ids     uuid[] NOT NULL CHECK (cardinality(erased_profile_ids) >= 1),
    identities             integer NOT NULL CHECK (identities >= 0),
    field_values           integer NOT NULL CHECK (field_values >= 0),
    assets                 integer NOT NULL CHECK (assets >= 0),
    requested_by           varchar(255),
    -- The stores expected to answer, fixed when requested (agentry.profile.erasure.stores).
    expected_stores        varchar(50)[] NOT NULL,
    requested_at           timestamptz NOT NULL DEFAULT now(),
    -- Announced on the stream (null: not yet, e.g. Redis was down); announce_count counts repeats.
    announced_at           timestamptz,
    announce_count         integer NOT NULL DEFAULT 0,
    -- Every expected store's receipt is in.
    completed_at           timestamptz,
    CONSTRAINT profile_erasures_pkey PRIMARY KEY (tenant_id, id)
);
-- The tenant's erasures, newest first (the list).
CREATE INDEX idx_erasures_requested ON profile_erasures (tenant_id, id DESC);
-- The re-announcer's scan: unfinished erasures only (a small, shrinking set).
CREATE INDEX idx_erasures_open ON profile_erasures (tenant_id, announced_at) WHERE completed_at IS NULL;

CREATE TABLE profile_erasure_receipts (
    tenant_id      uuid NOT NULL,
    erasure_id     uuid NOT NULL,
    store          varchar(50) NOT NULL CHECK (store ~ '^[a-z][a-z0-9_-]{0,49}$'),
    touched        jsonb NOT NULL CHECK (jsonb_typeof(touched) = 'object'),
    completed_at   timestamptz NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    -- One receipt per store: a redelivered receipt (at-least-once) is the same receipt.
    CONSTRAINT profile_erasure_receipts_pkey PRIMARY KEY (tenant_id, erasure_id, store),
    CONSTRAINT fk_receipts_erasure FOREIGN KEY (tenant_id, erasure_id)
        REFERENCES profile_erasures (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE profile_erasures ENABLE ROW LEVEL SECURITY;
ALTER TABLE profile_erasures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON profile_erasures
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE profile_erasure_receipts ENABLE ROW LEVEL SECURITY;
ALTER TABLE profile_erasure_receipts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON profile_erasure_receipts
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

-- The re-announcer must learn which tenants have unfinished erasures before it can bind one: as
-- conversation-service's sync worker does, a SECURITY DEFINER function runs as the owner, who alone
-- gets a read-only policy for it, and answers tenant ids and nothing else.
CREATE POLICY reannouncer ON profile_erasures FOR SELECT TO CURRENT_USER USING (true);
CREATE FUNCTION tenants_with_open_erasures(announced_before timestamptz) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$ SELECT DISTINCT tenant_id FROM profile_erasures
          WHERE completed_at IS NULL AND (announced_at IS NULL OR announced_at < announced_before) $$;
REVOKE ALL ON FUNCTION tenants_with_open_erasures(timestamptz) FROM PUBLIC;

GRANT SELECT, INSERT, UPDATE ON profile_erasures TO ${app_role};
GRANT SELECT, INSERT ON profile_erasure_receipts TO ${app_role};
GRANT EXECUTE ON FUNCTION tenants_with_open_erasures(timestamptz) TO ${app_role};
