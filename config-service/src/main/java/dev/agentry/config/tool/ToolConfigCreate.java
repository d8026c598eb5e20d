package dev.agentry.config.tool;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /v1/tool-configs}. {@code input_schema} must be a valid JSON Schema;
 * {@code config} must satisfy the base tool's {@code default_config_schema} when it has one.
 */
public record ToolConfigCreate(
        @NotBlank @Size(max = 100) @Pattern(regexp = ToolConfigCreate.NAME, message = "must be letters, digits, '_' or '-'") String name,
        @NotNull UUID baseToolId,
        Map<String, Object> config,
        @NotNull Map<String, Object> inputSchema,
        UUID outputFormatId,
        @Size(max = 10_000) String description,
        Boolean enabled) {

    public static final String NAME = "^[A-Za-z0-9_-]+$";
}
