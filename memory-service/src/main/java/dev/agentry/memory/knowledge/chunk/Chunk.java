package dev.agentry.memory.knowledge.chunk;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A piece of a document, as stored: {@code chunk_hash} is the SHA-256 of its text (hex);
 * {@code version} is the document version that introduced it; an archived chunk
 * ({@code is_current} false) belongs to an older version and is kept to explain old answers.
 */
public record Chunk(
        UUID id,
        UUID collectionId,
        UUID documentId,
        int chunkIndex,
        String content,
        String chunkHash,
        String language,
        String embeddingModel,
        int tokenCount,
        int version,
        boolean isCurrent,
        Instant archivedAt,
        Map<String, Object> metadata,
        Instant createdAt) {
}
