-- catalog-service, schema "catalog": the global blueprint (knowledge domains, attribute definitions,
-- system capabilities), a tenant's offerings with versions, typed attribute values and variants,
-- sales channels, price lists and prices, inventory, guardrails, the semantic cache and import jobs.
--
-- Source: sales-platform-schema.md, groups 1 (Knowledge & Domain), 2 (Tenant) and 5 (Migration).
-- The seed's `tenant` table is config-service's (tenants), so tenant_id has no foreign key here.
-- Departures from the seed DDL, and why:
--   * TIMESTAMP (without time zone) everywhere in the seed: every instant is timestamptz, NOT NULL
--     where the seed gives a DEFAULT NOW().
--   * Ids are UUID v7 made by the application (no gen_random_uuid() default).
--   * Child tables without tenant_id in the seed (tenant_offering_version,
--     tenant_offering_attribute_value, tenant_variant_price) carry it, and every reference between
--     tenant tables is tenant-qualified ((tenant_id, x_id) REFERENCES parent (tenant_id, id)): a
--     row can never point into another tenant, although foreign key checks bypass row-level
--     security. Every B-tree index on a tenant table leads with tenant_id (the HNSW, GIN and GiST
--     indexes cannot, and are partial on what a search reads).
--   * domain_attribute_definition: the seed's UNIQUE(domain_id, key) lets duplicates through when
--     domain_id is NULL (NULLs are distinct); it is UNIQUE NULLS NOT DISTINCT (PostgreSQL 15) over
--     (tenant_id, domain_id, key). tenant_id is new and nullable: NULL is a global definition
--     (platform admins write it, every tenant reads it), a tenant's id is a definition that tenant
--     added to a domain for itself only. value_type, scope and the keys are checked; the
--     constraint is a JSON object (min/max/enum/pattern, checked by the service).
--   * tenant_offering: identity_key is "unique within tenant" in the seed but has no constraint:
--     it has one (a partial unique index on live rows). The seed's is_archived is a soft delete,
--     here deleted_at (unique code and identity_key only among live rows); status keeps
--     active/archived. offering_type is checked.
--   * tenant_offering_version: exactly one active version per offering, enforced by a partial
--     unique index; embedding is vector(${embedding_dimensions}) (one width per deployment, not
--     1536) with embedding_model recorded beside it; HNSW instead of the seed's IVFFlat (centroids
--     built on an empty table); search_tsv and search_folded are generated from the accent-folded
--     name and description (unaccent, so that "bat dong san" finds "Bất Động Sản").
--   * tenant_offering_attribute_value: one row per (version, attribute) and exactly one value
--     column set (num_nonnulls(...) = 1); the seed allowed both duplicates and empty rows.
--   * tenant_price_list: gains currency (overlap is per channel and currency) and a generated
--     validity range [valid_from, valid_to) - valid_to is exclusive; NULL is unbounded. Overlapping
--     lists of one channel and currency are refused by an exclusion constraint (btree_gist). A list
--     without channel is the tenant's default list for its currency.
--   * tenant_variant_price: one row per (list, variant, currency); the currency must be the list's
--     (composite foreign key); amount and compare_at are exact numeric, never negative.
--   * tenant_inventory_item: one row per (variant, location); stock_qty and safety_stock are
--     NOT NULL and never negative (CHECK: the last guard behind the service's conditional updates).
--   * tenant_guardrail: code unique per tenant (the seed has no constraint); violation_action checked.
--   * tenant_semantic_cache: embedding width and model as for offering versions.
--   * migration_job: progress (records_total, records_processed), per-row errors, the file's format
--     and a cancelled status; the seed only had status and a free-text error_log.
--   * Every table has row-level security enabled AND forced. Tenant tables: tenant_id =
--     current_tenant_id(). Global tables (knowledge_domain, system_capability): every tenant reads;
--     only a transaction with app.platform_admin = 'on' writes. domain_attribute_definition: a
--     tenant reads the global rows and its own, writes its own; global rows need platform reach.

SET LOCAL search_path = ${schema}, public;

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION is_platform_admin() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('app.platform_admin', true), '') = 'on' $$;

-- Accent-folded lower case, the one normalisation of searchable text (stored columns and queries).
-- unaccent() is STABLE (its dictionary could change); naming the dictionary makes the result
-- depend on the arguments only, which is what a generated column needs.
CREATE FUNCTION fold_text(p text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, p)) $$;

-- ---------------------------------------------------------------------------------------------
-- Group 1: the global blueprint
-- ---------------------------------------------------------------------------------------------

CREATE TABLE knowledge_domain (
    id           uuid PRIMARY KEY,
    code         text NOT NULL CONSTRAINT chk_domain_code CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    domain_type  text NOT NULL DEFAULT 'offering' CHECK (domain_type IN ('offering', 'business')),
    description  text CHECK (length(description) <= 4000),
    is_archived  boolean NOT NULL DEFAULT false,
    flow_config  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(flow_config) = 'object'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_domain_code UNIQUE (code)
);

CREATE TABLE domain_attribute_definition (
    id               uuid PRIMARY KEY,
    tenant_id        uuid,
    domain_id        uuid REFERENCES knowledge_domain (id),
    key              text NOT NULL CONSTRAINT chk_attribute_key CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
    label            text CHECK (length(label) <= 200),
    value_type       text NOT NULL CHECK (value_type IN ('text', 'number', 'boolean', 'json')),
    semantic_type    text CHECK (semantic_type ~ '^[a-z][a-z0-9_]{0,63}$'),
    value_constraint jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(value_constraint) = 'object'),
    scope            text NOT NULL DEFAULT 'offering' CHECK (scope IN ('offering', 'variant')),
    is_required      boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_attribute_key UNIQUE NULLS NOT DISTINCT (tenant_id, domain_id, key)
);
CREATE INDEX idx_attribute_domain ON domain_attribute_definition (domain_id, key);

CREATE TABLE system_capability (
    id           uuid PRIMARY KEY,
    domain_id    uuid REFERENCES knowledge_domain (id),
    code         text NOT NULL CONSTRAINT chk_capability_code CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description  text CHECK (length(description) <= 4000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_capability_code UNIQUE (code)
);

-- ---------------------------------------------------------------------------------------------
-- Group 2: a tenant's offerings, versions, attribute values, variants
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tenant_offering (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL,
    domain_id      uuid REFERENCES knowledge_domain (id),
    bot_id         uuid,
    offering_type  text NOT NULL CHECK (offering_type IN ('physical', 'service', 'asset', 'financial')),
    code           text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 100),
    identity_key   text CHECK (length(btrim(identity_key)) BETWEEN 1 AND 200),
    status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    deleted_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_offering_tenant_id UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX uq_offering_code ON tenant_offering (tenant_id, code) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX uq_offering_identity_key ON tenant_offering (tenant_id, identity_key)
    WHERE identity_key IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE tenant_offering_version (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    offering_id      uuid NOT NULL,
    version          integer NOT NULL CHECK (version >= 1),
    name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 500),
    description      text CHECK (length(description) <= 20000),
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    embedding        vector(${embedding_dimensions}),
    embedding_model  text,
    published_at     timestamptz,
    archived_at      timestamptz,
    search_folded    text GENERATED ALWAYS AS (fold_text(name || ' ' || coalesce(description, ''))) STORED,
    search_tsv       tsvector GENERATED ALWAYS AS
                         (to_tsvector('pg_catalog.simple'::regconfig, fold_text(name || ' ' || coalesce(description, '')))) STORED,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_version_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT uq_version_number UNIQUE (tenant_id, offering_id, version),
    CONSTRAINT fk_version_offering FOREIGN KEY (tenant_id, offering_id)
        REFERENCES tenant_offering (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT chk_version_embedding CHECK ((embedding IS NULL) = (embedding_model IS NULL)),
    CONSTRAINT chk_version_published CHECK (status = 'draft' OR published_at IS NOT NULL)
);
-- Exactly one active version per offering: the database refuses a second one, so two concurrent
-- publishes cannot both win.
CREATE UNIQUE INDEX uq_version_active ON tenant_offering_version (tenant_id, offering_id) WHERE status = 'active';
CREATE INDEX idx_version_active_embedding ON tenant_offering_version USING hnsw (embedding vector_cosine_ops)
    WHERE status = 'active';
CREATE INDEX idx_version_active_tsv ON tenant_offering_version USING gin (search_tsv) WHERE status = 'active';
CREATE INDEX idx_version_active_trgm ON tenant_offering_version USING gin (search_folded gin_trgm_ops)
    WHERE status = 'active';

CREATE TABLE tenant_offering_attribute_value (
    id                   uuid PRIMARY KEY,
    tenant_id            uuid NOT NULL,
    offering_version_id  uuid NOT NULL,
    attribute_def_id     uuid NOT NULL REFERENCES domain_attribute_definition (id),
    value_text           text CHECK (length(value_text) <= 4000),
    value_number         numeric,
    value_bool           boolean,
    value_json           jsonb,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_attribute_value UNIQUE (tenant_id, offering_version_id, attribute_def_id),
    CONSTRAINT fk_attribute_value_version FOREIGN KEY (tenant_id, offering_version_id)
        REFERENCES tenant_offering_version (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT chk_attribute_value_one CHECK (num_nonnulls(value_text, value_number, value_bool, value_json) = 1)
);
-- Typed attribute filters of the search (bedrooms >= 2, color in (...)).
CREATE INDEX idx_attribute_value_number ON tenant_offering_attribute_value (tenant_id, attribute_def_id, value_number)
    WHERE value_number IS NOT NULL;
CREATE INDEX idx_attribute_value_text ON tenant_offering_attribute_value (tenant_id, attribute_def_id, value_text)
    WHERE value_text IS NOT NULL;

CREATE TABLE tenant_offering_variant (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL,
    offering_id  uuid NOT NULL,
    sku          text NOT NULL CHECK (length(btrim(sku)) BETWEEN 1 AND 100),
    name         text CHECK (length(name) <= 500),
    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    attributes   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_variant_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT uq_variant_sku UNIQUE (tenant_id, sku),
    CONSTRAINT fk_variant_offering FOREIGN KEY (tenant_id, offering_id)
        REFERENCES tenant_offering (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_variant_offering ON tenant_offering_variant (tenant_id, offering_id);

-- ---------------------------------------------------------------------------------------------
-- Group 2: channels, price lists, prices
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tenant_sales_channel (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    code        text NOT NULL CONSTRAINT chk_channel_code CHECK (code ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    name        text CHECK (length(name) <= 200),
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_channel_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT uq_channel_code UNIQUE (tenant_id, code)
);

CREATE TABLE tenant_price_list (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    channel_id  uuid,
    code        text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 100),
    currency    text NOT NULL CONSTRAINT chk_price_list_currency CHECK (currency ~ '^[A-Z]{3}$'),
    valid_from  timestamptz,
    valid_to    timestamptz,
    validity    tstzrange GENERATED ALWAYS AS (tstzrange(valid_from, valid_to, '[)')) STORED,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_price_list_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT uq_price_list_tenant_id_currency UNIQUE (tenant_id, id, currency),
    CONSTRAINT uq_price_list_code UNIQUE (tenant_id, code),
    CONSTRAINT fk_price_list_channel FOREIGN KEY (tenant_id, channel_id)
        REFERENCES tenant_sales_channel (tenant_id, id),
    CONSTRAINT chk_price_list_validity CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to),
    -- No two lists of one channel (or two default lists) and currency valid at the same instant.
    CONSTRAINT ex_price_list_overlap EXCLUDE USING gist (
        tenant_id WITH =,
        (coalesce(channel_id, '00000000-0000-0000-0000-000000000000'::uuid)) WITH =,
        currency WITH =,
        validity WITH &&)
);

CREATE TABLE tenant_variant_price (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL,
    price_list_id  uuid NOT NULL,
    variant_id     uuid NOT NULL,
    currency       text NOT NULL,
    amount         numeric NOT NULL CHECK (amount >= 0),
    compare_at     numeric CHECK (compare_at >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_variant_price UNIQUE (tenant_id, price_list_id, variant_id, currency),
    CONSTRAINT fk_price_list FOREIGN KEY (tenant_id, price_list_id, currency)
        REFERENCES tenant_price_list (tenant_id, id, currency) ON DELETE CASCADE,
    CONSTRAINT fk_price_variant FOREIGN KEY (tenant_id, variant_id)
        REFERENCES tenant_offering_variant (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_price_variant ON tenant_variant_price (tenant_id, variant_id, currency);

-- ---------------------------------------------------------------------------------------------
-- Group 2: inventory
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tenant_inventory_location (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    code        text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 100),
    name        text CHECK (length(name) <= 200),
    type        text NOT NULL DEFAULT 'warehouse' CHECK (type IN ('warehouse', 'store', 'virtual')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_location_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT uq_location_code UNIQUE (tenant_id, code)
);

CREATE TABLE tenant_inventory_item (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    variant_id    uuid NOT NULL,
    location_id   uuid NOT NULL,
    stock_qty     integer NOT NULL DEFAULT 0 CONSTRAINT chk_stock_not_negative CHECK (stock_qty >= 0),
    safety_stock  integer NOT NULL DEFAULT 0 CONSTRAINT chk_safety_not_negative CHECK (safety_stock >= 0),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_inventory_item UNIQUE (tenant_id, variant_id, location_id),
    CONSTRAINT fk_item_variant FOREIGN KEY (tenant_id, variant_id)
        REFERENCES tenant_offering_variant (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_item_location FOREIGN KEY (tenant_id, location_id)
        REFERENCES tenant_inventory_location (tenant_id, id)
);

-- ---------------------------------------------------------------------------------------------
-- Group 2: guardrails and the semantic cache (tables only for now; no API yet)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tenant_guardrail (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid NOT NULL,
    code                  text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 100),
    name                  text,
    condition_expression  text,
    violation_action      text NOT NULL DEFAULT 'block' CHECK (violation_action IN ('block', 'warn')),
    fallback_message      text,
    priority              integer NOT NULL DEFAULT 0,
    is_active             boolean NOT NULL DEFAULT true,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_guardrail_code UNIQUE (tenant_id, code)
);

CREATE TABLE tenant_semantic_cache (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    query_text       text NOT NULL,
    response_text    text NOT NULL,
    embedding        vector(${embedding_dimensions}),
    embedding_model  text,
    hit_count        integer NOT NULL DEFAULT 0,
    last_hit_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chk_cache_embedding CHECK ((embedding IS NULL) = (embedding_model IS NULL))
);
CREATE INDEX idx_cache_tenant ON tenant_semantic_cache (tenant_id, created_at DESC);
CREATE INDEX idx_cache_embedding ON tenant_semantic_cache USING hnsw (embedding vector_cosine_ops);

-- ---------------------------------------------------------------------------------------------
-- Group 5: import jobs
-- ---------------------------------------------------------------------------------------------

CREATE TABLE migration_job (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid NOT NULL,
    domain_id          uuid REFERENCES knowledge_domain (id),
    source_type        text NOT NULL CHECK (source_type IN ('web_scraper', 'file_upload', 'api', 'url')),
    source_url         text,
    format             text CHECK (format IN ('csv', 'json')),
    status             text NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled')),
    raw_data           jsonb,
    staged_data        jsonb,
    error_log          text,
    errors             jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(errors) = 'array'),
    records_total      integer,
    records_processed  integer NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_job_tenant ON migration_job (tenant_id, id);
CREATE INDEX idx_job_unfinished ON migration_job (tenant_id, status) WHERE status IN ('pending', 'processing');

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenant_offering', 'tenant_offering_version', 'tenant_offering_attribute_value',
            'tenant_offering_variant', 'tenant_sales_channel', 'tenant_price_list', 'tenant_variant_price',
            'tenant_inventory_location', 'tenant_inventory_item', 'tenant_guardrail', 'tenant_semantic_cache',
            'migration_job'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
            || 'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['knowledge_domain', 'system_capability'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY blueprint_read ON %I FOR SELECT USING (true)', t);
        EXECUTE format('CREATE POLICY blueprint_insert ON %I FOR INSERT WITH CHECK (is_platform_admin())', t);
        EXECUTE format('CREATE POLICY blueprint_update ON %I FOR UPDATE USING (is_platform_admin()) '
            || 'WITH CHECK (is_platform_admin())', t);
        EXECUTE format('CREATE POLICY blueprint_delete ON %I FOR DELETE USING (is_platform_admin())', t);
    END LOOP;
END
$$;

ALTER TABLE domain_attribute_definition ENABLE ROW LEVEL SECURITY;
ALTER TABLE domain_attribute_definition FORCE ROW LEVEL SECURITY;
-- A tenant sees the global definitions and its own; it writes its own; global ones need platform reach.
CREATE POLICY definition_read ON domain_attribute_definition FOR SELECT
    USING (tenant_id IS NULL OR tenant_id = current_tenant_id());
CREATE POLICY definition_insert ON domain_attribute_definition FOR INSERT
    WITH CHECK ((tenant_id IS NULL AND is_platform_admin()) OR tenant_id = current_tenant_id());
CREATE POLICY definition_update ON domain_attribute_definition FOR UPDATE
    USING ((tenant_id IS NULL AND is_platform_admin()) OR tenant_id = current_tenant_id())
    WITH CHECK ((tenant_id IS NULL AND is_platform_admin()) OR tenant_id = current_tenant_id());
CREATE POLICY definition_delete ON domain_attribute_definition FOR DELETE
    USING ((tenant_id IS NULL AND is_platform_admin()) OR tenant_id = current_tenant_id());

GRANT USAGE ON SCHEMA ${schema} TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON knowledge_domain, domain_attribute_definition, system_capability,
    tenant_offering, tenant_offering_version, tenant_offering_attribute_value, tenant_offering_variant,
    tenant_sales_channel, tenant_price_list, tenant_variant_price, tenant_inventory_location,
    tenant_inventory_item, tenant_guardrail, tenant_semantic_cache, migration_job TO ${app_role};
GRANT EXECUTE ON FUNCTION current_tenant_id(), is_platform_admin(), fold_text(text) TO ${app_role};
