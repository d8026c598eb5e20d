package dev.agentry.config.mcp;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code PATCH /v1/mcp-servers/{id}}: fields left out keep their value. */
public record McpServerUpdate(
        @Size(min = 1, max = 255) String name,
        @Size(max = 10_000) String description,
        @Size(max = 32) String version,
        @Size(max = 50) String category,
        McpTransport transport,
        @Size(min = 1, max = 4_096) String command,
        Map<String, Object> configSchema,
        @Size(max = 500) List<Object> toolDefinitions,
        @Size(max = 500) List<Object> resourceDefinitions,
        McpServerStatus status,
        Boolean isPublic,
        @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String documentationUrl,
        @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String repositoryUrl,
        Map<String, Object> metadata) {
}
