-- The plans of profile-service's hot statements, as the runtime role under RLS (docs/benchmarks-profile.md,
-- "Plans of the hot statements"). Run against the benchmark data (bench/profile/run.sh loads it; give a
-- few profiles fields first if you want 2c/3b-3d to find rows), inside a transaction that is rolled back:
--   PGPASSWORD=agentry_app psql -h 127.0.0.1 -U agentry_app -d agentry -v tenant=<tenant uuid> \
--     -v pid=<a profile id> -v fid=<a field value id of that profile> -f bench/profile/explain.sql
-- The statements are the stores' SQL with literals for the parameters (custom plans); the generic plans of
-- the prepared statements were checked too (PREPARE ... ; SET plan_cache_mode = force_generic_plan).
\set ON_ERROR_STOP on
\pset pager off
BEGIN;
SELECT set_config('app.tenant_id', :'tenant', true) \gset
\echo '=== 1. resolve: IdentityStore.find'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT i.id, i.profile_id, i.channel, i.channel_user_id, i.verified, i.created_at, i.updated_at,
       p.id AS p_id, p.external_id AS p_external_id
  FROM profile.channel_identities i JOIN profile.customer_profiles p ON p.tenant_id = i.tenant_id AND p.id = i.profile_id
 WHERE i.tenant_id = :'tenant' AND i.channel = 'zalo' AND i.channel_user_id = 'z-777777';
\echo '=== 2a. profile get: ProfileStore walk by id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
WITH RECURSIVE chain AS (
  SELECT id, external_id, merged_into_id, merged_at, created_at, updated_at, 0 AS depth FROM profile.customer_profiles
   WHERE tenant_id = :'tenant' AND id = :'pid'
  UNION ALL
  SELECT p.id, p.external_id, p.merged_into_id, p.merged_at, p.created_at, p.updated_at, c.depth + 1
    FROM chain c JOIN profile.customer_profiles p ON p.tenant_id = :'tenant' AND p.id = c.merged_into_id WHERE c.depth < 16)
SELECT id FROM chain ORDER BY depth DESC LIMIT 1;
\echo '=== 2b. view: IdentityStore.list'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id, profile_id, channel FROM profile.channel_identities WHERE tenant_id = :'tenant' AND profile_id = :'pid'
   AND (NULL::uuid IS NULL OR id < NULL) ORDER BY id DESC LIMIT 101;
\echo '=== 2c. view: FieldStore.valid (limit)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id, field_name, field_value FROM profile.profile_fields WHERE tenant_id = :'tenant' AND profile_id = :'pid'
   AND (valid_to IS NULL OR valid_to > statement_timestamp()) ORDER BY field_name, id LIMIT 1000;
\echo '=== 2d. view: ProfileStore.mergedInto'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id FROM profile.customer_profiles WHERE tenant_id = :'tenant' AND merged_into_id = :'pid'
 ORDER BY merged_at DESC, id DESC LIMIT 100;
\echo '=== 3a. field write: ProfileStore.lock'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id FROM profile.customer_profiles WHERE tenant_id = :'tenant' AND id = :'pid' FOR UPDATE;
\echo '=== 3b. field write: FieldStore.valid (names)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT id, field_name FROM profile.profile_fields WHERE tenant_id = :'tenant' AND profile_id = :'pid'
   AND field_name = ANY('{email,phone}') AND (valid_to IS NULL OR valid_to > statement_timestamp());
\echo '=== 3c. field write: FieldStore.countValidNames'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT count(DISTINCT field_name) FROM profile.profile_fields WHERE tenant_id = :'tenant' AND profile_id = :'pid'
   AND (valid_to IS NULL OR valid_to > statement_timestamp());
\echo '=== 3d. field write: FieldStore.close'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
UPDATE profile.profile_fields SET valid_to = greatest(clock_timestamp(), valid_from)
 WHERE tenant_id = :'tenant' AND profile_id = :'pid' AND id = ANY(ARRAY[:'fid']::uuid[]);
\echo '=== 3e. field write: ProfileStore.touch'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
UPDATE profile.customer_profiles SET updated_at = now() WHERE tenant_id = :'tenant' AND id = :'pid' RETURNING id;
ROLLBACK;
