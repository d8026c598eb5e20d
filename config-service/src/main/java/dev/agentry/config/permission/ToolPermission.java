package dev.agentry.config.permission;

import java.time.Instant;
import java.util.UUID;

/** The platform's switch for one tool of one tenant: disabled hides the tool. */
public record ToolPermission(UUID tenantId, UUID toolId, boolean enabled, Instant createdAt, Instant updatedAt) {
}
