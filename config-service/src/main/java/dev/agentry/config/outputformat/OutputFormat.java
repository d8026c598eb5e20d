package dev.agentry.config.outputformat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A response format of the tenant (multi-agent seed): a JSON Schema and a hint for renderers. */
public record OutputFormat(UUID id, String name, Map<String, Object> schema, Map<String, Object> rendererHint,
        String description, Instant createdAt, Instant updatedAt) {
}
