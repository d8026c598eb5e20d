-- Bots with versions, rollback and a traffic split; the FAQ with semantic search; guardrails as CEL
-- expressions with the tenant's keyword lists.
--
-- Source: sales-platform-schema.md, group 3 (Bot) and "Guardrails & Caching". Departures from the
-- seed DDL, and why (the general ones of V1 hold here too: timestamptz, application-made UUID v7
-- ids, tenant_id on every tenant table, tenant-qualified references, every B-tree index leading
-- with tenant_id, row-level security enabled AND forced):
--   * bot: gains agent_id, the config-service agent it fronts (another service's id: no foreign
--     key; a session records both the agent and the bot version that answered); status checked.
--   * bot_version: is_active as in the seed, and exactly one active version per bot enforced by a
--     partial unique index; activated_at records the last activation. A version is immutable once
--     created (a change is a new version), so a rollback returns to exactly what ran before.
--   * bot_capability: tenant_id added (the seed's has none), referencing the version
--     tenant-qualified and the global system_capability by id.
--   * bot_version_event: new. Every activation, rollback and traffic-split change, with the
--     version active before and after: the record a rollback is read from.
--   * bot_traffic_split: new. At most one split per bot between two of its versions, percentages
--     summing to 100.
--   * bot_faq: embedding is vector(${embedding_dimensions}) with embedding_model beside it (as
--     offering versions); HNSW on active rows instead of IVFFlat; the bot, domain and offering
--     links are tenant-qualified where the parent is a tenant row; updated_at added.
--   * tenant_guardrail (V1): violation_action gains 'redact'; condition_expression is NOT NULL
--     (a CEL expression, checked by the service when saved: no row can have been written before,
--     V1 had no API); updated_at added.
--   * tenant_guardrail_keyword_list: new. The tenant's named word lists that guardrail
--     expressions test as matches.<code>.

SET LOCAL search_path = ${schema}, public;

-- ---------------------------------------------------------------------------------------------
-- Group 3: bots
-- ---------------------------------------------------------------------------------------------

CREATE TABLE bot (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    domain_id   uuid REFERENCES knowledge_domain (id),
    agent_id    uuid NOT NULL,
    code        text NOT NULL CONSTRAINT chk_bot_code CHECK (code ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_bot_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT uq_bot_code UNIQUE (tenant_id, code)
);
CREATE INDEX idx_bot_agent ON bot (tenant_id, agent_id);

CREATE TABLE bot_version (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL,
    bot_id         uuid NOT NULL,
    version        integer NOT NULL CHECK (version >= 1),
    is_active      boolean NOT NULL DEFAULT false,
    flow_config    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(flow_config) = 'object'),
    system_prompt  text CHECK (length(system_prompt) <= 100000),
    note           text CHECK (length(note) <= 2000),
    activated_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_bot_version_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT uq_bot_version_bot_id UNIQUE (tenant_id, bot_id, id),
    CONSTRAINT uq_bot_version_number UNIQUE (tenant_id, bot_id, version),
    CONSTRAINT fk_bot_version_bot FOREIGN KEY (tenant_id, bot_id) REFERENCES bot (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT chk_bot_version_activated CHECK (NOT is_active OR activated_at IS NOT NULL)
);
-- Exactly one active version per bot: a second activation that forgets to deactivate, or two
-- concurrent ones, are refused by the database.
CREATE UNIQUE INDEX uq_bot_version_active ON bot_version (tenant_id, bot_id) WHERE is_active;

CREATE TABLE bot_capability (
    tenant_id       uuid NOT NULL,
    bot_version_id  uuid NOT NULL,
    capability_id   uuid NOT NULL REFERENCES system_capability (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_bot_capability PRIMARY KEY (tenant_id, bot_version_id, capability_id),
    CONSTRAINT fk_bot_capability_version FOREIGN KEY (tenant_id, bot_version_id)
        REFERENCES bot_version (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE bot_version_event (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    bot_id           uuid NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('activate', 'rollback', 'split_set', 'split_cleared')),
    from_version_id  uuid,
    to_version_id    uuid,
    detail           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
    actor            text CHECK (length(actor) <= 200),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_bot_event_bot FOREIGN KEY (tenant_id, bot_id) REFERENCES bot (tenant_id, id) ON DELETE CASCADE
);
-- The bot's history, newest first (keyset on the time-ordered id).
CREATE INDEX idx_bot_event_bot ON bot_version_event (tenant_id, bot_id, id DESC);

CREATE TABLE bot_traffic_split (
    tenant_id     uuid NOT NULL,
    bot_id        uuid NOT NULL,
    version_a_id  uuid NOT NULL,
    percent_a     integer NOT NULL CHECK (percent_a BETWEEN 0 AND 100),
    version_b_id  uuid NOT NULL,
    percent_b     integer NOT NULL CHECK (percent_b BETWEEN 0 AND 100),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_bot_traffic_split PRIMARY KEY (tenant_id, bot_id),
    CONSTRAINT fk_split_bot FOREIGN KEY (tenant_id, bot_id) REFERENCES bot (tenant_id, id) ON DELETE CASCADE,
    -- Both versions are this bot's (a version in a split cannot be deleted: no cascade).
    CONSTRAINT fk_split_version_a FOREIGN KEY (tenant_id, bot_id, version_a_id) REFERENCES bot_version (tenant_id, bot_id, id),
    CONSTRAINT fk_split_version_b FOREIGN KEY (tenant_id, bot_id, version_b_id) REFERENCES bot_version (tenant_id, bot_id, id),
    CONSTRAINT chk_split_two_versions CHECK (version_a_id <> version_b_id),
    CONSTRAINT chk_split_total CHECK (percent_a + percent_b = 100)
);
CREATE INDEX idx_split_version_a ON bot_traffic_split (tenant_id, version_a_id);
CREATE INDEX idx_split_version_b ON bot_traffic_split (tenant_id, version_b_id);

-- ---------------------------------------------------------------------------------------------
-- Group 3: the FAQ
-- ---------------------------------------------------------------------------------------------

CREATE TABLE bot_faq (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    bot_id           uuid,
    domain_id        uuid REFERENCES knowledge_domain (id),
    offering_id      uuid,
    question         text NOT NULL CHECK (length(btrim(question)) BETWEEN 1 AND 2000),
    answer           text NOT NULL CHECK (length(btrim(answer)) BETWEEN 1 AND 20000),
    category         text CHECK (length(category) BETWEEN 1 AND 100),
    embedding        vector(${embedding_dimensions}),
    embedding_model  text,
    priority         integer NOT NULL DEFAULT 0,
    is_active        boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_faq_bot FOREIGN KEY (tenant_id, bot_id) REFERENCES bot (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_faq_offering FOREIGN KEY (tenant_id, offering_id) REFERENCES tenant_offering (tenant_id, id),
    CONSTRAINT chk_faq_embedding CHECK ((embedding IS NULL) = (embedding_model IS NULL))
);
-- Listing (keyset on id) and the search's candidate count: a bot's entries, the bot-less ones.
CREATE INDEX idx_faq_bot ON bot_faq (tenant_id, bot_id, id);
CREATE INDEX idx_faq_active ON bot_faq (tenant_id, bot_id) WHERE is_active;
CREATE INDEX idx_faq_offering ON bot_faq (tenant_id, offering_id) WHERE offering_id IS NOT NULL;
CREATE INDEX idx_faq_active_embedding ON bot_faq USING hnsw (embedding vector_cosine_ops) WHERE is_active;

-- ---------------------------------------------------------------------------------------------
-- Guardrails: CEL conditions, redaction, keyword lists
-- ---------------------------------------------------------------------------------------------

ALTER TABLE tenant_guardrail DROP CONSTRAINT tenant_guardrail_violation_action_check;
ALTER TABLE tenant_guardrail ADD CONSTRAINT chk_guardrail_action CHECK (violation_action IN ('block', 'warn', 'redact'));
ALTER TABLE tenant_guardrail ALTER COLUMN condition_expression SET NOT NULL;
ALTER TABLE tenant_guardrail ADD CONSTRAINT chk_guardrail_expression CHECK (length(condition_expression) BETWEEN 1 AND 4000);
ALTER TABLE tenant_guardrail ADD CONSTRAINT chk_guardrail_fallback CHECK (length(fallback_message) <= 4000);
ALTER TABLE tenant_guardrail ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- What an evaluation loads: the tenant's active rules in priority order.
CREATE INDEX idx_guardrail_active ON tenant_guardrail (tenant_id, priority DESC, code) WHERE is_active;

CREATE TABLE tenant_guardrail_keyword_list (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    code        text NOT NULL CONSTRAINT chk_keyword_list_code CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
    words       text[] NOT NULL CHECK (cardinality(words) BETWEEN 1 AND 1000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_keyword_list_code UNIQUE (tenant_id, code)
);

-- ---------------------------------------------------------------------------------------------
-- Row-level security (the pattern of V1)
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['bot', 'bot_version', 'bot_capability', 'bot_version_event', 'bot_traffic_split',
            'bot_faq', 'tenant_guardrail_keyword_list'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
            || 'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON bot, bot_version, bot_capability, bot_version_event, bot_traffic_split,
    bot_faq, tenant_guardrail_keyword_list TO ${app_role};
