-- The erasure role's grants, again: V1 granted them only where deploy/local/db-setup.sh had
-- already created ${redactor_role}; databases migrated before that get them here. Still only when
-- the role exists (without it, DELETE /v1/audit/subjects/{id} answers 503).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${redactor_role}') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA ${schema} TO ${redactor_role}';
        EXECUTE 'GRANT SELECT, UPDATE, DELETE ON turn_records, audit_events, audit_logs, usage_metrics, '
             || 'integration_sync_logs TO ${redactor_role}';
        EXECUTE 'GRANT EXECUTE ON FUNCTION current_tenant_id() TO ${redactor_role}';
    END IF;
END
$$;
