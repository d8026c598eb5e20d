package dev.agentry.config.tenant;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A tenant as the API shows it. */
public record Tenant(
        UUID id,
        String name,
        String slug,
        TenantStatus status,
        TenantPlan plan,
        TenantLimits limits,
        String contactEmail,
        String contactName,
        String domain,
        Map<String, Object> settings,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {
}
