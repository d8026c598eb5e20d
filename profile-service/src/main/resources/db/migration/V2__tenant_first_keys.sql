-- profile-service: every index on a tenant table leads with tenant_id (docs/architecture.md, "The
-- shape every service follows"). Every statement now filters tenant_id = $n explicitly beside the
-- forced row-level security, and the primary keys become (tenant_id, id) so that no plan can start
-- from an index without the tenant: EXPLAIN showed FieldStore.close (a field write) probing
-- profile_fields_pkey (id) with the tenant only as a filter.
--
-- customer_profiles already had the unique key uq_profiles_tenant_id (tenant_id, id) that every
-- composite foreign key references; it becomes the primary key instead (the single-column key on id
-- goes: ids are UUID v7 made by the application, unique per tenant by this key). The foreign keys
-- are dropped and re-created with the same names and definitions, now referencing the new key.

ALTER TABLE channel_identities DROP CONSTRAINT fk_identities_profile;
ALTER TABLE profile_fields DROP CONSTRAINT fk_fields_profile;
ALTER TABLE profile_assets DROP CONSTRAINT fk_assets_profile;
ALTER TABLE customer_profiles DROP CONSTRAINT fk_profiles_merged_into;

ALTER TABLE customer_profiles DROP CONSTRAINT uq_profiles_tenant_id;
ALTER TABLE customer_profiles DROP CONSTRAINT customer_profiles_pkey;
ALTER TABLE customer_profiles ADD CONSTRAINT customer_profiles_pkey PRIMARY KEY (tenant_id, id);

ALTER TABLE channel_identities DROP CONSTRAINT channel_identities_pkey;
ALTER TABLE channel_identities ADD CONSTRAINT channel_identities_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE profile_fields DROP CONSTRAINT profile_fields_pkey;
ALTER TABLE profile_fields ADD CONSTRAINT profile_fields_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE profile_assets DROP CONSTRAINT profile_assets_pkey;
ALTER TABLE profile_assets ADD CONSTRAINT profile_assets_pkey PRIMARY KEY (tenant_id, id);

ALTER TABLE customer_profiles ADD CONSTRAINT fk_profiles_merged_into FOREIGN KEY (tenant_id, merged_into_id)
    REFERENCES customer_profiles (tenant_id, id);
ALTER TABLE channel_identities ADD CONSTRAINT fk_identities_profile FOREIGN KEY (tenant_id, profile_id)
    REFERENCES customer_profiles (tenant_id, id);
ALTER TABLE profile_fields ADD CONSTRAINT fk_fields_profile FOREIGN KEY (tenant_id, profile_id)
    REFERENCES customer_profiles (tenant_id, id);
ALTER TABLE profile_assets ADD CONSTRAINT fk_assets_profile FOREIGN KEY (tenant_id, profile_id)
    REFERENCES customer_profiles (tenant_id, id);
