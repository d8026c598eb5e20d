package dev.agentry.memory.knowledge.collection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code PATCH /v1/collections/{id}}: fields left out keep their value. New chunk
 * settings apply to documents uploaded or replaced afterwards.
 */
public record CollectionUpdate(
        @Size(min = 1, max = 255) String name,
        @Size(max = 2000) String description,
        @Min(100) @Max(8000) Integer chunkSize,
        @Min(0) @Max(4000) Integer chunkOverlap,
        CollectionStatus status,
        Map<String, Object> settings,
        Map<String, Object> metadata) {
}
