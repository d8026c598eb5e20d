-- The raw SQL baseline shaped like the service's resolve of a known identity since 2026-12-05: one
-- statement, profile.find_identity_in_tenant, which binds the tenant for RLS itself and runs the
-- lookup in its own (implicit) transaction: one round trip (migration V4).
\set n random(1, :identities)
SELECT * FROM profile.find_identity_in_tenant(:tenant, (ARRAY['web', 'zalo', 'facebook', 'email'])[:n % 4 + 1],
                                              (ARRAY['w-', 'z-', 'fb-', 'e-'])[:n % 4 + 1] || :n);
