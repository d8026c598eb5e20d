package dev.agentry.config.tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Resource limits of a tenant, published to every service (PlanLimitsPublisher).
 * {@code auditRetentionDays}: how long audit-service keeps the tenant's audit rows (its retention
 * job reads it as {@code audit_retention_days}); optional on the wire: left out on create, the
 * plan's; left out on update, unchanged.
 */
public record TenantLimits(
        @NotNull @Min(0) @Max(1_000_000) Integer maxAgents,
        @NotNull @Min(0) @Max(1_000_000_000) Integer maxDailyRequests,
        @NotNull @Min(0) Long maxMonthlyTokens,
        @Min(1) @Max(3650) Integer auditRetentionDays) {

    /** These limits, with what they leave out taken from {@code plan}'s. */
    TenantLimits orElse(TenantLimits plan) {
        return auditRetentionDays != null ? this
                : new TenantLimits(maxAgents, maxDailyRequests, maxMonthlyTokens, plan.auditRetentionDays());
    }
}
