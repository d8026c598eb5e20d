package dev.agentry.config.mcp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/mcp-servers} (platform admins); {@code config_schema} must be a JSON Schema. */
public record McpServerCreate(
        @NotBlank @Size(max = 255) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$", message = "must be lower-case letters, digits and inner hyphens") String slug,
        @Size(max = 10_000) String description,
        @Size(max = 32) String version,
        @Size(max = 50) String category,
        @NotNull McpTransport transport,
        @NotBlank @Size(max = 4_096) String command,
        Map<String, Object> configSchema,
        @Size(max = 500) List<Object> toolDefinitions,
        @Size(max = 500) List<Object> resourceDefinitions,
        McpServerStatus status,
        Boolean isPublic,
        @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String documentationUrl,
        @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String repositoryUrl,
        Map<String, Object> metadata) {
}
