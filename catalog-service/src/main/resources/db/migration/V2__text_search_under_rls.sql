-- Offering text search that uses its GIN indexes under row-level security (the pattern of
-- memory-service's V2 migration; see common's db package notes).
--
-- PostgreSQL takes a WHERE clause as an index condition on a table with row-level security only if
-- its operator is LEAKPROOF. Neither the tsvector match @@ nor pg_trgm's <% is, so under the tenant
-- policy the GIN indexes on search_tsv and search_folded were never used: measured at 50,000 active
-- versions of one tenant, "biet thu go vap" (any word, or trigram similarity over every row) took
-- 1.8 s, a parallel sequential scan.
--
-- Instead, a SECURITY DEFINER function runs as the owner, who alone gets a read-only policy for it.
-- It answers ids only, of the tenant bound to the transaction (p_tenant must equal
-- current_tenant_id(), else nothing), at most p_cap of them: the active versions holding every word
-- of the query (GIN on search_tsv); only when there is none, the versions whose folded text is
-- word-similar to the folded query (GIN trigram index, threshold p_threshold): a misspelt query.
-- The caller then reads and ranks the rows through the ordinary policies (SearchStore), adding rows
-- that hold any single word among the tenant's most recent active versions (a bounded window, read
-- through idx_version_active_recent). Measured on the same 50,000 versions, warm: every word of
-- "biet thu go vap" 31 ms for 1,000 ids (7 ms for 100); the trigram fallback 85-146 ms for 1,000,
-- which is why it only runs when no version holds every word. The cap takes the first ids the index
-- yields, not the best: a query matching more than p_cap versions ranks a sample of them.

SET LOCAL search_path = ${schema}, public;

CREATE POLICY text_search ON tenant_offering_version FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION offering_text_matches(p_tenant uuid, p_all tsquery, p_folded text, p_threshold real, p_cap integer)
    RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = ${schema}, public, pg_temp
    AS $$
    BEGIN
        IF p_tenant IS NULL OR p_tenant IS DISTINCT FROM current_tenant_id() THEN
            RETURN;
        END IF;
        IF p_all IS NOT NULL THEN
            RETURN QUERY SELECT v.id FROM tenant_offering_version v
                WHERE v.tenant_id = p_tenant AND v.status = 'active' AND v.search_tsv @@ p_all LIMIT p_cap;
            IF FOUND THEN
                RETURN;
            END IF;
        END IF;
        IF p_folded IS NOT NULL AND length(p_folded) >= 3 THEN
            PERFORM set_config('pg_trgm.word_similarity_threshold', p_threshold::text, true);
            RETURN QUERY SELECT v.id FROM tenant_offering_version v
                WHERE v.tenant_id = p_tenant AND v.status = 'active' AND p_folded <% v.search_folded LIMIT p_cap;
        END IF;
    END
    $$;

-- The window of most recent active versions that a single word of the query is enough in.
CREATE INDEX idx_version_active_recent ON tenant_offering_version (tenant_id, id) WHERE status = 'active';

REVOKE ALL ON FUNCTION offering_text_matches(uuid, tsquery, text, real, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION offering_text_matches(uuid, tsquery, text, real, integer) TO ${app_role};
