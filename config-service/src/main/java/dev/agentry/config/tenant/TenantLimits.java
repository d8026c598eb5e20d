package dev.agentry.config.tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Resource limits of a tenant. */
public record TenantLimits(
        @NotNull @Min(0) @Max(1_000_000) Integer maxAgents,
        @NotNull @Min(0) @Max(1_000_000_000) Integer maxDailyRequests,
        @NotNull @Min(0) Long maxMonthlyTokens) {
}
