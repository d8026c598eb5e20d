package dev.agentry.config.permission;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The body of {@code PUT /v1/tenants/{tenant_id}/agent-permissions/{agent_id}}. */
public record AgentPermissionPut(@NotNull Boolean enabled, UUID outputOverrideId) {
}
