package dev.agentry.config.outputformat;

import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code PATCH /v1/output-formats/{id}}: fields left out keep their value. */
public record OutputFormatUpdate(@Size(min = 1, max = 100) String name, Map<String, Object> schema,
        Map<String, Object> rendererHint, @Size(max = 10_000) String description) {
}
