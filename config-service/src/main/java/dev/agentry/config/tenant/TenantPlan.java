package dev.agentry.config.tenant;

/** Commercial plans, each with the limits a new tenant gets unless it is created with its own. */
public enum TenantPlan {
    FREE(3, 1_000, 1_000_000L),
    STARTER(10, 10_000, 10_000_000L),
    PRO(50, 100_000, 100_000_000L),
    ENTERPRISE(500, 1_000_000, 1_000_000_000L);

    private final TenantLimits defaults;

    TenantPlan(int maxAgents, int maxDailyRequests, long maxMonthlyTokens) {
        this.defaults = new TenantLimits(maxAgents, maxDailyRequests, maxMonthlyTokens);
    }

    public TenantLimits defaultLimits() {
        return defaults;
    }
}
