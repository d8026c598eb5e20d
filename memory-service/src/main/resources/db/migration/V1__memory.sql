-- memory-service, schema "memory": temporal memory (episodes; a knowledge graph of entities and
-- relationships) and RAG knowledge (collections, documents, chunks, rag_queries), tenant-scoped.
--
-- Sources: production-stores-data-model.md (MemoryStore: episodes, entities, relationships),
-- support-ticket-schema.md (kb_chunks), agentic-platform-schema-spec.md (collections, documents,
-- chunks, rag_queries). One model per concept holding every field of every document. Departures,
-- and why:
--   * Vectors are vector(${embedding_dimensions}), one width per deployment (the seeds say 1536 and
--     768), and every vector row records its embedding_model; searches compare only rows of the
--     query's model. The extension is `vector` (agentic-platform enables "pgvector", which does not
--     exist); db-setup.sh creates it, as a superuser must.
--   * HNSW (vector_cosine_ops) instead of the seeds' IVFFlat: IVFFlat built on an empty table has
--     meaningless centroids and low recall; HNSW needs no training. Tenant-filtered searches use
--     pgvector 0.8 iterative scans (hnsw.iterative_scan, set on every connection).
--   * episodes is HASH-partitioned by tenant_id (16 partitions). A tenant-filtered HNSW scan on one
--     shared graph must skip every other tenant's rows (1 % selectivity at 100 tenants); inside a
--     partition a tenant is a far larger share, and each partition's graph is 1/16 the size to
--     build and to search. Hence the primary key (tenant_id, id): a partitioned table's unique keys
--     must hold the partition key. Small tenants are searched exactly, not through HNSW (see
--     docs/memory-service.md, "Search strategy").
--   * episode_type and every other enum are lower-case (the API's spelling), the seed's 'TURN' etc.
--     become 'turn'. agent_id stays required on episodes; on entities it is optional, since a
--     world entity (a city, a product) is shared by the tenant's agents.
--   * Full text: a generated tsvector column with a GIN index on episodes and chunks, its text
--     search configuration chosen per row from a `language` code (ISO 639-1) by
--     text_search_config(): languages PostgreSQL has a stemmer for get it, every other language
--     (Vietnamese, Chinese, Japanese, Thai, ...) gets 'simple' (lower-cased words, no stemming).
--     The language code is stored, not a regconfig (reg* columns block pg_upgrade).
--   * Bi-temporal episodes: valid_from/valid_to (when it held in the world) and recorded_at (when
--     Agentry learned it), all NOT NULL except the open end; the seed's idx_episodes_valid (no
--     tenant) is dropped: validity is always filtered inside one tenant's rows.
--   * Relationships are never deleted when contradicted: they are closed (valid_to) and marked
--     invalidated_at/invalidated_by; recorded_at and updated_at are added. The seed's
--     uq_relationships keeps its columns plus tenant_id. Foreign keys between tenant tables are
--     composite (tenant_id, id), so the database itself refuses a link to another tenant's row
--     (a plain FK check ignores row-level security).
--   * support-ticket's kb_chunks and agentic-platform's chunks are one table, chunks: kb_chunks'
--     source is the chunk's document (title, filename); chunk_hash is SHA-256 as bytea(32) (the
--     seed's hex varchar(64) is twice the size); its UNIQUE (tenant_id, chunk_hash) becomes a
--     partial unique index on (tenant_id, document_id, chunk_hash) among current chunks: the same
--     paragraph may appear in two documents, and re-versioning keeps archived copies; re-uploading
--     the same text is a no-op through documents.content_hash. version/is_current/archived_at
--     version a document's chunks when it is replaced.
--   * documents get content_hash, version and indexed_at; uploaded_by is the token subject (users
--     live in config-service); storage_path stays optional (no object store is used here).
--   * collections get a language (full-text configuration of their chunks) and soft delete, with
--     the slug unique among live rows as a partial unique index.
--   * rag_queries stores the result chunk ids and their scores, the mode and strategy, latency,
--     and feedback (score -1..1, comment, who, when).
--   * New: episode_stats, a per-tenant, per-model count of episodes kept by statement-level
--     triggers (sharded by backend, so concurrent writers of one tenant do not queue on one row):
--     the search strategy (exact or HNSW) is chosen from it without counting rows.
--     retention_policies: per-tenant maximum age per episode type.
--   * Ids are UUID v7 made by the application (the seeds mix SERIAL and v4 defaults).
--   * Every tenant table has RLS enabled AND forced (partitions too), keyed on app.tenant_id.

-- pgvector's type and operators live in schema public (db-setup.sh creates the extension there).
SET LOCAL search_path = ${schema}, public;

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- IMMUTABLE so that generated columns may call it. That is safe: it maps codes to the built-in
-- configurations of pg_catalog, which never change.
CREATE FUNCTION text_search_config(lang text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (CASE lang
        WHEN 'ar' THEN 'pg_catalog.arabic'     WHEN 'hy' THEN 'pg_catalog.armenian'
        WHEN 'eu' THEN 'pg_catalog.basque'     WHEN 'ca' THEN 'pg_catalog.catalan'
        WHEN 'da' THEN 'pg_catalog.danish'     WHEN 'nl' THEN 'pg_catalog.dutch'
        WHEN 'en' THEN 'pg_catalog.english'    WHEN 'fi' THEN 'pg_catalog.finnish'
        WHEN 'fr' THEN 'pg_catalog.french'     WHEN 'de' THEN 'pg_catalog.german'
        WHEN 'el' THEN 'pg_catalog.greek'      WHEN 'hi' THEN 'pg_catalog.hindi'
        WHEN 'hu' THEN 'pg_catalog.hungarian'  WHEN 'id' THEN 'pg_catalog.indonesian'
        WHEN 'ga' THEN 'pg_catalog.irish'      WHEN 'it' THEN 'pg_catalog.italian'
        WHEN 'lt' THEN 'pg_catalog.lithuanian' WHEN 'ne' THEN 'pg_catalog.nepali'
        WHEN 'no' THEN 'pg_catalog.norwegian'  WHEN 'nb' THEN 'pg_catalog.norwegian'
        WHEN 'nn' THEN 'pg_catalog.norwegian'  WHEN 'pt' THEN 'pg_catalog.portuguese'
        WHEN 'ro' THEN 'pg_catalog.romanian'   WHEN 'ru' THEN 'pg_catalog.russian'
        WHEN 'sr' THEN 'pg_catalog.serbian'    WHEN 'es' THEN 'pg_catalog.spanish'
        WHEN 'sv' THEN 'pg_catalog.swedish'    WHEN 'ta' THEN 'pg_catalog.tamil'
        WHEN 'tr' THEN 'pg_catalog.turkish'    WHEN 'yi' THEN 'pg_catalog.yiddish'
        ELSE 'pg_catalog.simple' END)::regconfig $$;

-- ---------------------------------------------------------------------------------------------
-- Episodes
-- ---------------------------------------------------------------------------------------------
CREATE TABLE episodes (
    id                  uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    agent_id            uuid NOT NULL,
    customer_profile_id uuid,
    session_id          uuid,
    group_id            uuid,
    episode_type        varchar(16) NOT NULL CHECK (episode_type IN ('turn', 'summary', 'fact', 'event')),
    content             text NOT NULL CHECK (length(btrim(content)) > 0),
    language            varchar(3) NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}$'),
    search_tsv          tsvector GENERATED ALWAYS AS (to_tsvector(text_search_config(language), content)) STORED,
    embedding           vector(${embedding_dimensions}) NOT NULL,
    embedding_model     varchar(100) NOT NULL,
    importance          double precision NOT NULL DEFAULT 0.5 CHECK (importance BETWEEN 0 AND 1),
    valid_from          timestamptz NOT NULL DEFAULT now(),
    valid_to            timestamptz,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
) PARTITION BY HASH (tenant_id);

DO $$
BEGIN
    FOR i IN 0..15 LOOP
        EXECUTE format('CREATE TABLE episodes_p%s PARTITION OF episodes FOR VALUES WITH (MODULUS 16, REMAINDER %s)', i, i);
        EXECUTE format('ALTER TABLE episodes_p%s ENABLE ROW LEVEL SECURITY', i);
        EXECUTE format('ALTER TABLE episodes_p%s FORCE ROW LEVEL SECURITY', i);
        -- Only reachable through the parent (whose policy applies); a direct read sees nothing.
        EXECUTE format('CREATE POLICY tenant_isolation ON episodes_p%s USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', i);
    END LOOP;
END
$$;

CREATE INDEX idx_episodes_agent ON episodes (tenant_id, agent_id, id);
CREATE INDEX idx_episodes_customer ON episodes (tenant_id, customer_profile_id, id) WHERE customer_profile_id IS NOT NULL;
CREATE INDEX idx_episodes_session ON episodes (tenant_id, session_id, id) WHERE session_id IS NOT NULL;
CREATE INDEX idx_episodes_group ON episodes (tenant_id, group_id, id) WHERE group_id IS NOT NULL;
CREATE INDEX idx_episodes_retention ON episodes (tenant_id, episode_type, recorded_at);
CREATE INDEX idx_episodes_search_tsv ON episodes USING gin (search_tsv);
CREATE INDEX idx_episodes_embedding ON episodes USING hnsw (embedding vector_cosine_ops);

-- Rows per tenant and model, without counting: the search strategy reads it. Shards spread
-- concurrent writers of one tenant over several rows (a statement adds to its backend's shard).
CREATE TABLE episode_stats (
    tenant_id       uuid NOT NULL,
    embedding_model varchar(100) NOT NULL,
    shard           smallint NOT NULL CHECK (shard BETWEEN 0 AND 7),
    episodes        bigint NOT NULL,
    PRIMARY KEY (tenant_id, embedding_model, shard)
);

CREATE FUNCTION episode_stats_added() RETURNS trigger
    LANGUAGE plpgsql SET search_path = ${schema}, pg_temp
    AS $$
BEGIN
    INSERT INTO episode_stats AS s (tenant_id, embedding_model, shard, episodes)
    SELECT tenant_id, embedding_model, pg_backend_pid() % 8, count(*) FROM added GROUP BY tenant_id, embedding_model
    ON CONFLICT (tenant_id, embedding_model, shard) DO UPDATE SET episodes = s.episodes + EXCLUDED.episodes;
    RETURN NULL;
END
$$;

CREATE FUNCTION episode_stats_removed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = ${schema}, pg_temp
    AS $$
BEGIN
    INSERT INTO episode_stats AS s (tenant_id, embedding_model, shard, episodes)
    SELECT tenant_id, embedding_model, pg_backend_pid() % 8, -count(*) FROM removed GROUP BY tenant_id, embedding_model
    ON CONFLICT (tenant_id, embedding_model, shard) DO UPDATE SET episodes = s.episodes + EXCLUDED.episodes;
    RETURN NULL;
END
$$;

CREATE TRIGGER episode_stats_added AFTER INSERT ON episodes
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION episode_stats_added();
CREATE TRIGGER episode_stats_removed AFTER DELETE ON episodes
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION episode_stats_removed();

CREATE TABLE retention_policies (
    tenant_id       uuid NOT NULL,
    episode_type    varchar(16) NOT NULL CHECK (episode_type IN ('turn', 'summary', 'fact', 'event')),
    max_age_seconds bigint NOT NULL CHECK (max_age_seconds > 0),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, episode_type)
);

-- ---------------------------------------------------------------------------------------------
-- Knowledge graph
-- ---------------------------------------------------------------------------------------------
CREATE TABLE entities (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    agent_id            uuid,
    customer_profile_id uuid,
    name                varchar(500) NOT NULL CHECK (length(btrim(name)) > 0),
    entity_type         varchar(100) NOT NULL CHECK (entity_type ~ '^[a-z][a-z0-9_]*$'),
    canonical_name      varchar(500) NOT NULL CHECK (length(btrim(canonical_name)) > 0),
    attributes          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
-- One entity per (type, canonical name) for the tenant's shared world, and per customer.
CREATE UNIQUE INDEX uq_entities_canonical ON entities
    (tenant_id, entity_type, lower(canonical_name), coalesce(customer_profile_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX idx_entities_list ON entities (tenant_id, id);
CREATE INDEX idx_entities_type ON entities (tenant_id, entity_type, id);
CREATE INDEX idx_entities_name ON entities (tenant_id, lower(name));
CREATE INDEX idx_entities_agent ON entities (tenant_id, agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX idx_entities_customer ON entities (tenant_id, customer_profile_id) WHERE customer_profile_id IS NOT NULL;

CREATE TABLE relationships (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    source_entity_id    uuid NOT NULL,
    target_entity_id    uuid NOT NULL,
    relationship_type   varchar(100) NOT NULL CHECK (relationship_type ~ '^[a-z][a-z0-9_]*$'),
    confidence          double precision NOT NULL DEFAULT 1.0 CHECK (confidence BETWEEN 0 AND 1),
    valid_from          timestamptz NOT NULL DEFAULT now(),
    valid_to            timestamptz,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    invalidated_at      timestamptz,
    invalidated_by      uuid REFERENCES relationships (id) ON DELETE SET NULL,
    metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, source_entity_id) REFERENCES entities (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, target_entity_id) REFERENCES entities (tenant_id, id) ON DELETE CASCADE,
    CHECK (source_entity_id <> target_entity_id),
    -- valid_to = valid_from is an empty interval: a fact retracted by one with the same start.
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CHECK (invalidated_by IS NULL OR invalidated_at IS NOT NULL)
);
CREATE UNIQUE INDEX uq_relationships ON relationships (tenant_id, source_entity_id, target_entity_id, relationship_type, valid_from);
CREATE INDEX idx_relationships_source ON relationships (tenant_id, source_entity_id, relationship_type, valid_from);
CREATE INDEX idx_relationships_target ON relationships (tenant_id, target_entity_id, relationship_type, valid_from);
CREATE INDEX idx_relationships_type ON relationships (tenant_id, relationship_type, id);
CREATE INDEX idx_relationships_list ON relationships (tenant_id, id);
CREATE INDEX idx_relationships_invalidated_by ON relationships (invalidated_by) WHERE invalidated_by IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Knowledge (RAG)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE collections (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL,
    name            varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
    slug            varchar(64) NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    description     text,
    embedding_model varchar(100) NOT NULL,
    chunk_size      integer NOT NULL DEFAULT 1000 CHECK (chunk_size BETWEEN 100 AND 8000),
    chunk_overlap   integer NOT NULL DEFAULT 150 CHECK (chunk_overlap >= 0 AND chunk_overlap * 2 <= chunk_size),
    language        varchar(3) NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}$'),
    document_count  integer NOT NULL DEFAULT 0 CHECK (document_count >= 0),
    chunk_count     integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
    status          varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    settings        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX uq_collections_slug ON collections (tenant_id, slug) WHERE deleted_at IS NULL;
CREATE INDEX idx_collections_list ON collections (tenant_id, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_collections_status ON collections (tenant_id, status, id) WHERE deleted_at IS NULL;

CREATE TABLE documents (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL,
    collection_id   uuid NOT NULL,
    title           varchar(500) NOT NULL CHECK (length(btrim(title)) > 0),
    filename        varchar(255),
    file_type       varchar(16) NOT NULL CHECK (file_type IN ('txt', 'md', 'csv')),
    size_bytes      bigint NOT NULL CHECK (size_bytes >= 0),
    storage_path    varchar(1024),
    status          varchar(16) NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'processing', 'indexed', 'failed')),
    chunk_count     integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
    error_message   text,
    content_hash    bytea NOT NULL CHECK (length(content_hash) = 32),
    version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    uploaded_by     varchar(255),
    uploaded_at     timestamptz NOT NULL DEFAULT now(),
    indexed_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, collection_id) REFERENCES collections (tenant_id, id) ON DELETE CASCADE,
    CHECK ((status = 'failed') = (error_message IS NOT NULL))
);
-- The same text twice in one collection is one document (the upload is a no-op), also under a race.
CREATE UNIQUE INDEX uq_documents_content ON documents (tenant_id, collection_id, content_hash) WHERE status <> 'failed';
CREATE INDEX idx_documents_list ON documents (tenant_id, collection_id, id);
CREATE INDEX idx_documents_status ON documents (tenant_id, collection_id, status);
CREATE INDEX idx_documents_uploaded ON documents (tenant_id, uploaded_at DESC);

CREATE TABLE chunks (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL,
    collection_id   uuid NOT NULL,
    document_id     uuid NOT NULL,
    chunk_index     integer NOT NULL CHECK (chunk_index >= 0),
    content         text NOT NULL CHECK (length(btrim(content)) > 0),
    chunk_hash      bytea NOT NULL CHECK (length(chunk_hash) = 32),
    language        varchar(3) NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}$'),
    search_tsv      tsvector GENERATED ALWAYS AS (to_tsvector(text_search_config(language), content)) STORED,
    embedding       vector(${embedding_dimensions}) NOT NULL,
    embedding_model varchar(100) NOT NULL,
    token_count     integer NOT NULL CHECK (token_count >= 0),
    version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    is_current      boolean NOT NULL DEFAULT true,
    archived_at     timestamptz,
    metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, collection_id) REFERENCES collections (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE,
    CHECK (is_current = (archived_at IS NULL))
);
CREATE UNIQUE INDEX uq_chunks_current_hash ON chunks (tenant_id, document_id, chunk_hash) WHERE is_current;
CREATE INDEX idx_chunks_collection ON chunks (tenant_id, collection_id, id) WHERE is_current;
CREATE INDEX idx_chunks_document ON chunks (tenant_id, document_id, chunk_index);
CREATE INDEX idx_chunks_hash ON chunks (tenant_id, chunk_hash);
CREATE INDEX idx_chunks_search_tsv ON chunks USING gin (search_tsv);
CREATE INDEX idx_chunks_embedding ON chunks USING hnsw (embedding vector_cosine_ops) WHERE is_current;

CREATE TABLE rag_queries (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    collection_id       uuid NOT NULL,
    query_text          text NOT NULL,
    mode                varchar(8) NOT NULL CHECK (mode IN ('hybrid', 'vector', 'text')),
    strategy            varchar(16) NOT NULL CHECK (strategy IN ('exact', 'hnsw', 'text')),
    embedding_model     varchar(100),
    result_chunk_ids    uuid[] NOT NULL,
    result_scores       double precision[] NOT NULL,
    top_score           double precision,
    filters             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(filters) = 'object'),
    latency_ms          double precision NOT NULL CHECK (latency_ms >= 0),
    asked_by            varchar(255),
    feedback_score      smallint CHECK (feedback_score BETWEEN -1 AND 1),
    feedback_comment    text,
    feedback_by         varchar(255),
    feedback_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, collection_id) REFERENCES collections (tenant_id, id) ON DELETE CASCADE,
    CHECK (cardinality(result_chunk_ids) = cardinality(result_scores)),
    CHECK ((feedback_score IS NULL) = (feedback_at IS NULL))
);
CREATE INDEX idx_rag_queries_collection ON rag_queries (tenant_id, collection_id, id);
CREATE INDEX idx_rag_queries_list ON rag_queries (tenant_id, id);

-- ---------------------------------------------------------------------------------------------
-- Row-level security. FORCE makes the policies apply to the table owner too.
-- ---------------------------------------------------------------------------------------------
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['episodes', 'episode_stats', 'retention_policies', 'entities', 'relationships',
                             'collections', 'documents', 'chunks', 'rag_queries'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END
$$;

-- The retention sweep must learn which tenants have episodes before it can bind one. Rather than
-- widen the runtime role, a SECURITY DEFINER function runs as the owner, who alone gets a
-- read-only policy on episode_stats for it; it answers tenant ids and nothing else. The sweep
-- then deletes inside each tenant's own RLS-bound transaction.
CREATE POLICY retention_sweep ON episode_stats FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION tenants_with_episodes() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$ SELECT tenant_id FROM episode_stats GROUP BY tenant_id HAVING sum(episodes) > 0 $$;
REVOKE ALL ON FUNCTION tenants_with_episodes() FROM PUBLIC;

GRANT USAGE ON SCHEMA ${schema} TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON episodes, episode_stats, retention_policies, entities, relationships,
    collections, documents, chunks, rag_queries TO ${app_role};
GRANT EXECUTE ON FUNCTION current_tenant_id(), text_search_config(text), tenants_with_episodes() TO ${app_role};
