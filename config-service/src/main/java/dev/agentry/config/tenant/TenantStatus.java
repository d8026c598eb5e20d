package dev.agentry.config.tenant;

/** A tenant's lifecycle; only {@code ACTIVE} tenants can exchange credentials for tokens. */
public enum TenantStatus {
    ACTIVE, SUSPENDED, DELETED
}
