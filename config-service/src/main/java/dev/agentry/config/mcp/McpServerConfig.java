package dev.agentry.config.mcp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's configuration of an MCP server as the API shows it: the names of its config values
 * and environment variables, never the values (they are encrypted at rest).
 */
public record McpServerConfig(UUID id, UUID mcpServerId, boolean enabled, List<String> configKeys, List<String> envKeys,
        String secretKeyId, Map<String, Object> resourceLimits, List<String> allowedUsers, String createdBy, Instant createdAt,
        Instant updatedAt) {
}
