-- The semantic cache (issue 19, item 4): answers kept by the embedding of the question they
-- answered, served to a close enough question of the same tenant, bot version and language until
-- they expire or something they were built from changes.
--
-- Source: sales-platform-schema.md, "Guardrails & Caching" (tenant_semantic_cache, made by V1 with
-- the seed's columns; no API wrote it before this migration, so the table is empty and columns can
-- be added NOT NULL). Departures from the seed, and why (V1's general ones hold: timestamptz,
-- tenant_id leading every B-tree index, tenant-qualified references, row-level security forced):
--   * tenant_semantic_cache gains its scope: bot_version_id (the version whose answer it is,
--     tenant-qualified, cascading when the version is deleted; NULL: an answer of no bot) and
--     language (a lower-case BCP 47 tag); expires_at (the TTL: an expired entry is never served,
--     whatever the purge has done); embedding and embedding_model become required (an entry
--     without a vector can never be found); hit_count becomes bigint (coalesced increments).
--   * tenant_semantic_cache_source: new. What an entry was built from (FAQ entries, offerings),
--     one row each, so that a change of one finds its entries by a B-tree lookup (uuid equality
--     is leakproof, so the index is usable under forced RLS, unlike an array overlap on a GIN
--     index); deleting the entry cascades.
--   * tenant_semantic_cache_settings: new. The tenant's similarity threshold and default TTL (a
--     tenant without a row has the defaults of the service, measured: docs/catalog-service.md).
--   * The seed's (tenant_id, created_at) index is replaced by the lookup's scope index; V1's HNSW
--     index on the embedding stays.

SET LOCAL search_path = ${schema}, public;

ALTER TABLE tenant_semantic_cache
    ADD COLUMN bot_version_id uuid,
    ADD COLUMN language text NOT NULL CONSTRAINT chk_cache_language CHECK (language ~ '^[a-z]{2,3}(-[a-z0-9]{1,8})*$'),
    ADD COLUMN expires_at timestamptz NOT NULL,
    ADD CONSTRAINT uq_cache_tenant_id UNIQUE (tenant_id, id),
    ADD CONSTRAINT fk_cache_bot_version FOREIGN KEY (tenant_id, bot_version_id)
        REFERENCES bot_version (tenant_id, id) ON DELETE CASCADE,
    ADD CONSTRAINT chk_cache_query CHECK (length(btrim(query_text)) BETWEEN 1 AND 2000),
    ADD CONSTRAINT chk_cache_response CHECK (length(btrim(response_text)) BETWEEN 1 AND 20000),
    ADD CONSTRAINT chk_cache_hits CHECK (hit_count >= 0);
ALTER TABLE tenant_semantic_cache
    ALTER COLUMN embedding SET NOT NULL,
    ALTER COLUMN embedding_model SET NOT NULL,
    ALTER COLUMN hit_count TYPE bigint;

DROP INDEX idx_cache_tenant;
-- A lookup's candidates (and their bounded count, which picks exact or index): one tenant, bot
-- version, language and model, not expired.
CREATE INDEX idx_cache_scope ON tenant_semantic_cache (tenant_id, bot_version_id, language, embedding_model, expires_at);
-- The purge of expired entries a fill does for its tenant.
CREATE INDEX idx_cache_expiry ON tenant_semantic_cache (tenant_id, expires_at);

CREATE TABLE tenant_semantic_cache_source (
    tenant_id    uuid NOT NULL,
    cache_id     uuid NOT NULL,
    source_type  text NOT NULL CHECK (source_type IN ('faq', 'offering')),
    source_id    uuid NOT NULL,
    CONSTRAINT pk_cache_source PRIMARY KEY (tenant_id, source_type, source_id, cache_id),
    CONSTRAINT fk_cache_source_entry FOREIGN KEY (tenant_id, cache_id)
        REFERENCES tenant_semantic_cache (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_cache_source_entry ON tenant_semantic_cache_source (tenant_id, cache_id);

CREATE TABLE tenant_semantic_cache_settings (
    tenant_id             uuid PRIMARY KEY,
    similarity_threshold  double precision NOT NULL CHECK (similarity_threshold BETWEEN 0.5 AND 1),
    default_ttl_seconds   integer NOT NULL CHECK (default_ttl_seconds BETWEEN 1 AND 2592000),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenant_semantic_cache_source', 'tenant_semantic_cache_settings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
            || 'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_semantic_cache_source, tenant_semantic_cache_settings TO ${app_role};
