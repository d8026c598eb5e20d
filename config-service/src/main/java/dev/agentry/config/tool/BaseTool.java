package dev.agentry.config.tool;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A tool type of the platform (HTTP_GET, HTTP_POST, RAG, DB_QUERY, OCR, ...): what tool configs instantiate. */
public record BaseTool(UUID id, String type, String handlerClass, String description, Map<String, Object> defaultConfigSchema,
        Instant createdAt, Instant updatedAt) {
}
