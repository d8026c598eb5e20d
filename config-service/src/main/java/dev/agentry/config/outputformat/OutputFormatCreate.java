package dev.agentry.config.outputformat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code POST /v1/output-formats}; {@code schema}, when given, must be a valid JSON Schema. */
public record OutputFormatCreate(@NotBlank @Size(max = 100) String name, Map<String, Object> schema,
        Map<String, Object> rendererHint, @Size(max = 10_000) String description) {
}
