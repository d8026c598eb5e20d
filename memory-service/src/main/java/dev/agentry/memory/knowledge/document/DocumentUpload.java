package dev.agentry.memory.knowledge.document;

import dev.agentry.memory.knowledge.text.FileType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A document sent as JSON ({@code POST /v1/collections/{id}/documents} or {@code PUT .../{doc}}).
 * The same endpoints take the bare text as {@code text/plain}, {@code text/markdown} or
 * {@code text/csv}, with {@code title} and {@code filename} as query parameters.
 */
public record DocumentUpload(
        @Size(min = 1, max = 500) String title,
        @NotBlank String content,
        @Size(min = 1, max = 255) String filename,
        FileType fileType,
        @Size(max = 1024) String storagePath,
        Map<String, Object> metadata) {
}
