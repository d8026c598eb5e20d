package dev.agentry.config.tool;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code POST /v1/base-tools} (platform admins); {@code default_config_schema} must be a JSON Schema. */
public record BaseToolCreate(
        @NotBlank @Size(max = 50) @Pattern(regexp = "^[A-Z][A-Z0-9_]*$", message = "must be UPPER_SNAKE_CASE") String type,
        @NotBlank @Size(max = 255) String handlerClass,
        @Size(max = 10_000) String description,
        Map<String, Object> defaultConfigSchema) {
}
