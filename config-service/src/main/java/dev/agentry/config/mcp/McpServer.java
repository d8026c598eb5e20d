package dev.agentry.config.mcp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An MCP server of the platform registry (agentic spec's mcp_servers). */
public record McpServer(UUID id, String name, String slug, String description, String version, String category, McpTransport transport,
        String command, Map<String, Object> configSchema, List<Object> toolDefinitions, List<Object> resourceDefinitions,
        McpServerStatus status, boolean isPublic, String documentationUrl, String repositoryUrl, Map<String, Object> metadata,
        Instant createdAt, Instant updatedAt) {
}
