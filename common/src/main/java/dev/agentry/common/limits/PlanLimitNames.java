package dev.agentry.common.limits;

/** The limits a tenant's plan carries, named as in config-service's {@code tenants} table and on the wire. */
public final class PlanLimitNames {

    /** Requests a tenant may make per UTC day, across every service (429 past it). */
    public static final String MAX_DAILY_REQUESTS = "max_daily_requests";
    /** LLM tokens a tenant may use per UTC calendar month (429 past it). */
    public static final String MAX_MONTHLY_TOKENS = "max_monthly_tokens";
    /** Live agents a tenant may have (403 plan-limit on the create past it). */
    public static final String MAX_AGENTS = "max_agents";
    /**
     * Days audit-service keeps the tenant's audit trail (its retention job deletes older rows);
     * absent: audit-service's {@code agentry.audit.retention.default}.
     */
    public static final String AUDIT_RETENTION_DAYS = "audit_retention_days";

    private PlanLimitNames() {
    }
}
