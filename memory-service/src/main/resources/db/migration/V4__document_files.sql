-- Issue 21: documents uploaded as files (PDF, DOCX, HTML, ...) and indexed in the background.
--
-- * file_type takes the formats Apache Tika reads for us.
-- * A file upload extracts the text in the request (so that an unsupported, encrypted or empty
--   file is refused there and nothing is stored), records the document as 'pending' with the text
--   to index in pending_text, and answers 202. A worker claims it (status 'processing', a lease
--   with a token), chunks and embeds it in batches (chunks_done / chunks_total), and writes all of
--   its chunks in one transaction with the document 'indexed' (or 'failed'); pending_text is then
--   cleared. A worker that dies leaves its lease to expire: the next scan takes the document again.
-- * The scan must see every tenant's unfinished documents before it can bind one: as for the
--   retention sweep, a SECURITY DEFINER function answers (tenant, document) ids and nothing else,
--   through a read-only policy of the owner; the claim itself runs bound to the tenant.

SET LOCAL search_path = ${schema}, public;

ALTER TABLE documents DROP CONSTRAINT documents_file_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_file_type_check CHECK (file_type IN
    ('txt', 'md', 'csv', 'pdf', 'docx', 'doc', 'pptx', 'ppt', 'xlsx', 'xls', 'html', 'epub', 'rtf', 'odt', 'ods', 'odp'));

ALTER TABLE documents
    ADD COLUMN chunks_done          integer NOT NULL DEFAULT 0 CHECK (chunks_done >= 0),
    ADD COLUMN chunks_total         integer CHECK (chunks_total >= 0),
    ADD COLUMN pending_text         text,
    ADD COLUMN pending_chunk_as     varchar(8) CHECK (pending_chunk_as IN ('txt', 'md', 'csv')),
    ADD COLUMN pending_description  jsonb CHECK (jsonb_typeof(pending_description) = 'object'),
    ADD COLUMN lease_token          uuid,
    ADD COLUMN lease_until          timestamptz,
    ADD COLUMN attempts             integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD CONSTRAINT documents_pending_text_check CHECK ((pending_text IS NULL) = (pending_chunk_as IS NULL)),
    ADD CONSTRAINT documents_lease_check CHECK ((lease_token IS NULL) = (lease_until IS NULL));

-- Documents indexed before: their progress is complete. The owner lifts FORCE for the rewrite and
-- restores it in the same transaction (as V3 does).
ALTER TABLE documents NO FORCE ROW LEVEL SECURITY;
UPDATE documents SET chunks_done = chunk_count, chunks_total = chunk_count WHERE status = 'indexed';
ALTER TABLE documents FORCE ROW LEVEL SECURITY;

-- The worker's queue: small (unfinished documents only), led by tenant_id like every index.
CREATE INDEX idx_documents_unfinished ON documents (tenant_id, uploaded_at) WHERE status IN ('pending', 'processing');

CREATE POLICY index_queue ON documents FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION documents_to_index(p_limit integer) RETURNS TABLE (tenant_id uuid, document_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$
        SELECT d.tenant_id, d.id FROM documents d
         WHERE d.status IN ('pending', 'processing')
           AND (d.status = 'pending' AND d.pending_text IS NOT NULL
                OR d.status = 'processing' AND d.lease_until < now())
         ORDER BY d.uploaded_at
         LIMIT p_limit
    $$;
REVOKE ALL ON FUNCTION documents_to_index(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION documents_to_index(integer) TO ${app_role};
