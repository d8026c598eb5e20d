package dev.agentry.config.tool;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/** The body of {@code PATCH /v1/tool-configs/{id}}: fields left out keep their value; the base tool is fixed. */
public record ToolConfigUpdate(
        @Size(min = 1, max = 100) @Pattern(regexp = ToolConfigCreate.NAME, message = "must be letters, digits, '_' or '-'") String name,
        Map<String, Object> config,
        Map<String, Object> inputSchema,
        UUID outputFormatId,
        @Size(max = 10_000) String description,
        Boolean enabled) {
}
