package dev.agentry.config.tenant;

/** Commercial plans, each with the limits a new tenant gets unless it is created with its own. */
public enum TenantPlan {
    FREE(3, 1_000, 1_000_000L, 30),
    STARTER(10, 10_000, 10_000_000L, 90),
    PRO(50, 100_000, 100_000_000L, 365),
    ENTERPRISE(500, 1_000_000, 1_000_000_000L, 2_555);

    private final TenantLimits defaults;

    /** The limits, and how many days the tenant's audit trail is kept (2,555: seven years). */
    TenantPlan(int maxAgents, int maxDailyRequests, long maxMonthlyTokens, int auditRetentionDays) {
        this.defaults = new TenantLimits(maxAgents, maxDailyRequests, maxMonthlyTokens, auditRetentionDays);
    }

    public TenantLimits defaultLimits() {
        return defaults;
    }
}
