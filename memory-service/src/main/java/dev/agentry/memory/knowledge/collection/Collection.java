package dev.agentry.memory.knowledge.collection;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A knowledge collection: documents chunked with {@code chunk_size} and {@code chunk_overlap}
 * (characters), embedded with {@code embedding_model}, indexed for full text in {@code language}.
 * {@code chunk_count} counts current chunks (archived versions are not counted).
 */
public record Collection(
        UUID id,
        String name,
        String slug,
        String description,
        String embeddingModel,
        int chunkSize,
        int chunkOverlap,
        String language,
        int documentCount,
        int chunkCount,
        CollectionStatus status,
        Map<String, Object> settings,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt) {
}
