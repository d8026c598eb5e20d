package dev.agentry.config.permission;

import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT /v1/tenants/{tenant_id}/tool-permissions/{tool_id}}. */
public record ToolPermissionPut(@NotNull Boolean enabled) {
}
