package dev.agentry.config.tool;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A tool of the tenant: an instance of a base tool with its config and the JSON Schema of its input. */
public record ToolConfig(UUID id, String name, UUID baseToolId, String baseToolType, Map<String, Object> config,
        Map<String, Object> inputSchema, UUID outputFormatId, String description, boolean enabled, Instant createdAt,
        Instant updatedAt) {
}
