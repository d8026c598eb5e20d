-- Full-text search that uses its GIN index under row-level security.
--
-- PostgreSQL takes a WHERE clause as an index condition on a table with row-level security only if
-- its operator is LEAKPROOF (a non-leakproof function must not see rows before the policy has
-- filtered them). The tsvector match operator @@ (ts_match_vq) is not leakproof, so under the
-- tenant policies the GIN indexes on search_tsv are never used: measured at 1,000,000 episodes,
-- "all of these words" on a 193,000-row tenant scanned its whole partition (190-260 ms) where the
-- index answers in a few milliseconds. Marking ts_match_vq LEAKPROOF would need a superuser and
-- change it for the whole database.
--
-- Instead, two SECURITY DEFINER functions run as the owner, who alone gets a read-only policy for
-- them (as config-service does for credential lookup). Each answers ids only, of the tenant bound
-- to the transaction (p_tenant must equal current_tenant_id(), else nothing), at most p_cap of them;
-- the caller then reads the rows through the ordinary policies. The search itself stays in
-- HybridSql (memory-service), which uses these for "rows holding every word of the query".

SET LOCAL search_path = ${schema}, public;

CREATE POLICY text_search ON episodes FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY text_search ON chunks FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION episode_text_matches(p_tenant uuid, p_query tsquery, p_cap integer) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$
        SELECT e.id FROM episodes e
         WHERE p_tenant = current_tenant_id() AND e.tenant_id = p_tenant AND e.search_tsv @@ p_query
         LIMIT p_cap
    $$;

CREATE FUNCTION chunk_text_matches(p_tenant uuid, p_collection uuid, p_query tsquery, p_cap integer) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
    AS $$
        SELECT c.id FROM chunks c
         WHERE p_tenant = current_tenant_id() AND c.tenant_id = p_tenant AND c.collection_id = p_collection
           AND c.is_current AND c.search_tsv @@ p_query
         LIMIT p_cap
    $$;

REVOKE ALL ON FUNCTION episode_text_matches(uuid, tsquery, integer), chunk_text_matches(uuid, uuid, tsquery, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION episode_text_matches(uuid, tsquery, integer), chunk_text_matches(uuid, uuid, tsquery, integer)
    TO ${app_role};
