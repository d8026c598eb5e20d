package dev.agentry.memory.knowledge.document;

import dev.agentry.memory.knowledge.text.FileType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A document of a collection. {@code content_hash} is the SHA-256 of its normalised text (hex):
 * uploading the same text again is a no-op. {@code version} grows each time a replacement changes
 * the text; the chunks of older versions are archived, not deleted. {@code chunks_done} of
 * {@code chunks_total} is the indexing's progress (total null until the text is chunked).
 */
public record Document(
        UUID id,
        UUID collectionId,
        String title,
        String filename,
        FileType fileType,
        long sizeBytes,
        String storagePath,
        DocumentStatus status,
        int chunkCount,
        int chunksDone,
        Integer chunksTotal,
        String errorMessage,
        String contentHash,
        int version,
        Map<String, Object> metadata,
        String uploadedBy,
        Instant uploadedAt,
        Instant indexedAt,
        Instant updatedAt) {
}
