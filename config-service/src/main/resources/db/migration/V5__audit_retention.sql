-- audit_retention_days: how many days audit-service keeps the tenant's audit rows (issue 17). It is a
-- plan limit like the others: set by the plan (free 30, starter 90, pro 365, enterprise 2555, seven
-- years) unless the tenant is created or updated with its own, 1 to 3650 days, and published to
-- Redis with them (PlanLimitsPublisher) as `audit_retention_days`, where audit-service's retention
-- job reads it. Existing tenants get their plan's.
ALTER TABLE tenants ADD COLUMN audit_retention_days integer
    CONSTRAINT chk_tenants_audit_retention CHECK (audit_retention_days BETWEEN 1 AND 3650);

-- tenants has forced row-level security: the backfill takes platform reach for this transaction,
-- as TenantTransactions.asPlatform does.
SELECT set_config('app.platform_admin', 'on', true);
UPDATE tenants SET audit_retention_days = CASE plan WHEN 'free' THEN 30 WHEN 'starter' THEN 90 WHEN 'pro' THEN 365 ELSE 2555 END;

ALTER TABLE tenants ALTER COLUMN audit_retention_days SET NOT NULL;
