package dev.agentry.config.tool;

import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code PATCH /v1/base-tools/{id}}: fields left out keep their value; the type is fixed. */
public record BaseToolUpdate(@Size(min = 1, max = 255) String handlerClass, @Size(max = 10_000) String description,
        Map<String, Object> defaultConfigSchema) {
}
