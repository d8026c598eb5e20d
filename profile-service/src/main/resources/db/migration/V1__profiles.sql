-- profile-service, schema "profile": customer profiles across channels, their channel identities,
-- fields with provenance and history, assets; merges (tombstones) and erasure.
--
-- Source: production-stores-data-model.md, "ProfileStore Tables" (customer_profiles,
-- channel_identities, profile_fields, profile_assets). Departures, and why:
--   * uq_profiles_external: the seed writes `CONSTRAINT ... UNIQUE (tenant_id, external_id) WHERE
--     external_id IS NOT NULL`, which PostgreSQL does not accept; it is a partial unique index. It
--     covers merged profiles (tombstones) too: a tombstone keeps its external id when the survivor
--     has one of its own, and a lookup by it is redirected to the survivor.
--   * Ids are UUID v7 made by the application (no DB default); every timestamp is NOT NULL
--     timestamptz; booleans and confidence are NOT NULL (the seed leaves them nullable with a
--     default, so a NULL could still be written explicitly).
--   * Every reference to a profile is tenant-qualified: (tenant_id, profile_id) references
--     customer_profiles (tenant_id, id), through the extra unique key uq_profiles_tenant_id (which
--     also serves keyset pagination). A child row, or a merge redirect (merged_into_id), can then
--     never point into another tenant, even though foreign key checks bypass row-level security.
--     The seed's single-column references would accept that. No ON DELETE CASCADE: erasure deletes
--     the children itself (and reports how many), so an accidental profile delete fails loudly.
--   * customer_profiles gains merged_at (when it became a tombstone; set together with
--     merged_into_id) and a check that a profile never redirects to itself. Merges compress chains:
--     every tombstone points at a live survivor (see MergeService).
--   * channel_identities: channel is a lower-case token (web, zalo, facebook, email, ... tenants
--     add channels, so it is not a closed enum) and gains updated_at (verified can change). The
--     seed's idx_channel_identities_lookup duplicates the unique constraint's index and is dropped;
--     idx_profiles_tenant likewise (uq_profiles_tenant_id leads with tenant_id).
--   * profile_fields: source is stored lower-case like every enum in Agentry ('user_provided', not
--     'USER_PROVIDED'); field_name is a lower-case token of at most 100 characters; field_value is
--     NOT NULL, non-blank and at most 4000 characters (retracting a value closes its validity, it
--     does not write NULL); confidence is checked to lie in [0, 1]; valid_to >= valid_from.
--     Added: recorded_by (the token subject that wrote the value: provenance beside source) and
--     search_key, a generated normalised prefix of the value (lower-cased e-mail addresses, phone
--     numbers reduced to digits and a leading '+', other values lower-cased with spaces
--     collapsed) that search by field value uses; the normalisation is the one function
--     normalize_field_value() below, so writes, bulk loads and searches cannot disagree. The key is
--     cut to 256 characters to stay under the B-tree entry size limit; searches re-check the full
--     normalised value.
--   * profile_assets: asset_type is a lower-case token; asset_reference allows 2048 characters
--     (signed object-store URLs outgrow the seed's 500); metadata must be a JSON object.
--   * Every table has RLS enabled AND forced, keyed on app.tenant_id, which the service sets per
--     transaction; the runtime role (${app_role}) is neither owner nor superuser.

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- The one definition of how a field value is normalised for search (see the header).
CREATE FUNCTION normalize_field_value(p_name text, p_value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT CASE
            WHEN p_name ~ '(^|[._])(phone|mobile|msisdn|tel)([._]|$)'
                THEN CASE WHEN left(btrim(p_value), 1) = '+' THEN '+' ELSE '' END
                     || regexp_replace(p_value, '[^0-9]', '', 'g')
            WHEN p_name ~ '(^|[._])e?mail([._]|$)'
                THEN lower(btrim(p_value))
            ELSE lower(regexp_replace(btrim(p_value), '\s+', ' ', 'g'))
        END
    $$;

CREATE TABLE customer_profiles (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL,
    external_id     varchar(255) CHECK (external_id IS NULL OR length(btrim(external_id)) > 0),
    merged_into_id  uuid,
    merged_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_profiles_tenant_id UNIQUE (tenant_id, id),
    CONSTRAINT fk_profiles_merged_into FOREIGN KEY (tenant_id, merged_into_id)
        REFERENCES customer_profiles (tenant_id, id),
    CONSTRAINT chk_profiles_not_merged_into_self CHECK (merged_into_id <> id),
    CONSTRAINT chk_profiles_merge_stamp CHECK ((merged_into_id IS NULL) = (merged_at IS NULL))
);
CREATE UNIQUE INDEX uq_profiles_external ON customer_profiles (tenant_id, external_id)
    WHERE external_id IS NOT NULL;
-- Finds a survivor's tombstones (chain compression, erasure) and serves the self-reference's checks.
CREATE INDEX idx_profiles_merged_into ON customer_profiles (tenant_id, merged_into_id)
    WHERE merged_into_id IS NOT NULL;

CREATE TABLE channel_identities (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    profile_id       uuid NOT NULL,
    channel          varchar(50) NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_.-]{0,49}$'),
    channel_user_id  varchar(255) NOT NULL CHECK (length(btrim(channel_user_id)) > 0),
    verified         boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_channel_identity UNIQUE (tenant_id, channel, channel_user_id),
    CONSTRAINT fk_identities_profile FOREIGN KEY (tenant_id, profile_id)
        REFERENCES customer_profiles (tenant_id, id)
);
-- A profile's identities (view, list, merge moves, erasure), keyset on id.
CREATE INDEX idx_channel_identities_profile ON channel_identities (tenant_id, profile_id, id);

CREATE TABLE profile_fields (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    profile_id    uuid NOT NULL,
    field_name    varchar(100) NOT NULL CHECK (field_name ~ '^[a-z][a-z0-9_.]{0,99}$'),
    field_value   text NOT NULL CHECK (length(btrim(field_value)) > 0 AND length(field_value) <= 4000),
    source        varchar(16) NOT NULL
                  CONSTRAINT chk_field_source CHECK (source IN ('user_provided', 'extracted', 'inferred', 'system')),
    confidence    double precision NOT NULL DEFAULT 1.0 CHECK (confidence >= 0 AND confidence <= 1),
    verified      boolean NOT NULL DEFAULT false,
    valid_from    timestamptz NOT NULL DEFAULT now(),
    valid_to      timestamptz,
    recorded_by   varchar(255),
    search_key    text GENERATED ALWAYS AS (left(normalize_field_value(field_name, field_value), 256)) STORED,
    CONSTRAINT chk_field_validity CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CONSTRAINT fk_fields_profile FOREIGN KEY (tenant_id, profile_id)
        REFERENCES customer_profiles (tenant_id, id)
);
-- A profile's current values and a field's history (newest first by the time-ordered id).
CREATE INDEX idx_profile_fields_profile ON profile_fields (tenant_id, profile_id, field_name, id);
-- Search by field value (e.g. phone or e-mail) within a tenant.
CREATE INDEX idx_profile_fields_search ON profile_fields (tenant_id, field_name, search_key);

CREATE TABLE profile_assets (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    profile_id       uuid NOT NULL,
    asset_type       varchar(50) NOT NULL CHECK (asset_type ~ '^[a-z][a-z0-9_.-]{0,49}$'),
    asset_reference  varchar(2048) NOT NULL CHECK (length(btrim(asset_reference)) > 0),
    metadata         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_assets_profile FOREIGN KEY (tenant_id, profile_id)
        REFERENCES customer_profiles (tenant_id, id)
);
CREATE INDEX idx_profile_assets_profile ON profile_assets (tenant_id, profile_id, id);
CREATE INDEX idx_profile_assets_type ON profile_assets (tenant_id, profile_id, asset_type, id);

-- Row-level security. FORCE makes the policies apply to the table owner too.
ALTER TABLE customer_profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_profiles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_profiles
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE channel_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE channel_identities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON channel_identities
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE profile_fields ENABLE ROW LEVEL SECURITY;
ALTER TABLE profile_fields FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON profile_fields
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE profile_assets ENABLE ROW LEVEL SECURITY;
ALTER TABLE profile_assets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON profile_assets
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT USAGE ON SCHEMA ${schema} TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_profiles, channel_identities, profile_fields, profile_assets
    TO ${app_role};
GRANT EXECUTE ON FUNCTION current_tenant_id(), normalize_field_value(text, text) TO ${app_role};
