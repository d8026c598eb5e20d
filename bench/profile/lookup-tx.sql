-- The raw SQL baseline shaped like the service's transaction (TenantTransactions.inTenant): BEGIN,
-- bind the tenant for RLS, the lookup, COMMIT: four round trips here (the service pipelines the first
-- three). Issue 13's baseline; since 2026-12-05 the service takes this shape only to create or verify
-- an identity, and looks a known one up in one statement (lookup-fn.sql).
\set n random(1, :identities)
BEGIN;
SELECT set_config('app.tenant_id', :tenant, true), set_config('app.platform_admin', 'off', true);
SELECT i.id, i.profile_id, i.channel, i.channel_user_id, i.verified, i.created_at, i.updated_at,
       p.id AS p_id, p.external_id AS p_external_id, p.merged_into_id AS p_merged_into_id,
       p.merged_at AS p_merged_at, p.created_at AS p_created_at, p.updated_at AS p_updated_at
  FROM profile.channel_identities i
  JOIN profile.customer_profiles p ON p.tenant_id = i.tenant_id AND p.id = i.profile_id
 WHERE i.tenant_id = :tenant
   AND i.channel = (ARRAY['web', 'zalo', 'facebook', 'email'])[:n % 4 + 1]
   AND i.channel_user_id = (ARRAY['w-', 'z-', 'fb-', 'e-'])[:n % 4 + 1] || :n;
COMMIT;
