-- The resolve hot path (POST /v1/profiles/resolve of a known identity, the conversation runtime's
-- call on every turn) in one statement that binds its own tenant. Through TenantTransactions a
-- lookup is four statements and two round trips (BEGIN with the binding and the lookup pipelined,
-- then COMMIT); called outside a transaction, this function is its own transaction: the binding
-- (set_config(..., true), local to that transaction) holds for the query that follows it and ends
-- with the statement, so the pooled connection carries no tenant into its next use. Row-level
-- security applies as on every path (SECURITY INVOKER: it runs as the caller, under the policies),
-- and the query names its tenant as well. pgbench, 8 clients, the same lookup: 14,600-17,600
-- calls/s against 6,900-8,600 transactions/s for the four statements (docs/benchmarks.md).
--
-- Only reads: a resolve that must create or verify goes through a TenantTransactions transaction.
-- The columns are IdentityStore's and ProfileStore's, the profile's prefixed p_, as in its join.
CREATE FUNCTION find_identity_in_tenant(p_tenant uuid, p_channel text, p_channel_user_id text)
    RETURNS TABLE (id uuid, profile_id uuid, channel varchar, channel_user_id varchar, verified boolean,
                   created_at timestamptz, updated_at timestamptz, p_id uuid, p_external_id varchar,
                   p_merged_into_id uuid, p_merged_at timestamptz, p_created_at timestamptz,
                   p_updated_at timestamptz)
    LANGUAGE plpgsql VOLATILE
    AS $$
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true), set_config('app.platform_admin', 'off', true);
    RETURN QUERY
    SELECT i.id, i.profile_id, i.channel, i.channel_user_id, i.verified, i.created_at, i.updated_at,
           p.id, p.external_id, p.merged_into_id, p.merged_at, p.created_at, p.updated_at
      FROM ${schema}.channel_identities i
      JOIN ${schema}.customer_profiles p ON p.tenant_id = i.tenant_id AND p.id = i.profile_id
     WHERE i.tenant_id = p_tenant AND i.channel = p_channel AND i.channel_user_id = p_channel_user_id;
END
$$;
REVOKE ALL ON FUNCTION find_identity_in_tenant(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION find_identity_in_tenant(uuid, text, text) TO ${app_role};
