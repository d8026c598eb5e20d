-- Bulk-loads the benchmark tenant: :profiles profiles with two channel identities each, as the
-- schema owner with the tenant bound (RLS is forced on the owner too). Identity n (1..2*profiles)
-- is on channel (web, zalo, facebook, email)[n % 4] with user id (w-, z-, fb-, e-)[n % 4] || n and
-- belongs to profile (n + 1) / 2; ResolveLoad.java and the pgbench scripts use the same formula.
-- Ids are UUID v7 made from increasing timestamps, like the service's.
\set ON_ERROR_STOP on
SELECT set_config('app.tenant_id', :'tenant', false);

CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send((extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

BEGIN;
DELETE FROM profile.profile_fields WHERE tenant_id = :'tenant';
DELETE FROM profile.profile_assets WHERE tenant_id = :'tenant';
DELETE FROM profile.channel_identities WHERE tenant_id = :'tenant';
DELETE FROM profile.customer_profiles WHERE tenant_id = :'tenant';

CREATE TEMP TABLE bench_profile ON COMMIT DROP AS
    SELECT g AS n, pg_temp.uuid7(timestamptz '2025-01-01' + g * interval '20 ms') AS id
      FROM generate_series(1, :profiles) g;

INSERT INTO profile.customer_profiles (id, tenant_id)
    SELECT id, :'tenant'::uuid FROM bench_profile ORDER BY n;

INSERT INTO profile.channel_identities (id, tenant_id, profile_id, channel, channel_user_id)
    SELECT pg_temp.uuid7(timestamptz '2025-01-01' + i * interval '10 ms'), :'tenant'::uuid, p.id,
           (ARRAY['web', 'zalo', 'facebook', 'email'])[i % 4 + 1], (ARRAY['w-', 'z-', 'fb-', 'e-'])[i % 4 + 1] || i
      FROM generate_series(1, 2 * :profiles) i JOIN bench_profile p ON p.n = (i + 1) / 2
     ORDER BY i;
COMMIT;

-- Rows as the owner sees them (FORCE RLS: only the bound tenant).
SELECT (SELECT count(*) FROM profile.customer_profiles) AS profiles,
       (SELECT count(*) FROM profile.channel_identities) AS identities;
