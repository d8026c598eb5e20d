-- The raw SQL baseline, bare: the resolve lookup alone (the tenant is bound for the session by
-- PGOPTIONS, so RLS applies as it does to the service). Same statement as IdentityStore.find.
\set n random(1, :identities)
SELECT i.id, i.profile_id, i.channel, i.channel_user_id, i.verified, i.created_at, i.updated_at,
       p.id AS p_id, p.external_id AS p_external_id, p.merged_into_id AS p_merged_into_id,
       p.merged_at AS p_merged_at, p.created_at AS p_created_at, p.updated_at AS p_updated_at
  FROM profile.channel_identities i
  JOIN profile.customer_profiles p ON p.tenant_id = i.tenant_id AND p.id = i.profile_id
 WHERE i.tenant_id = :tenant
   AND i.channel = (ARRAY['web', 'zalo', 'facebook', 'email'])[:n % 4 + 1]
   AND i.channel_user_id = (ARRAY['w-', 'z-', 'fb-', 'e-'])[:n % 4 + 1] || :n;
