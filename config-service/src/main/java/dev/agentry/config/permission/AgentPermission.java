package dev.agentry.config.permission;

import java.time.Instant;
import java.util.UUID;

/** The platform's switch for one agent of one tenant: disabled hides the agent; the override replaces its output format. */
public record AgentPermission(UUID tenantId, UUID agentId, boolean enabled, UUID outputOverrideId, Instant createdAt, Instant updatedAt) {
}
