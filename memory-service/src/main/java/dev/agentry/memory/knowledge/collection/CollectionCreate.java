package dev.agentry.memory.knowledge.collection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code POST /v1/collections}. {@code embedding_model}, when sent, must be the
 * deployment's model (a collection is searched with the vectors this service makes);
 * {@code chunk_overlap} must be at most half of {@code chunk_size}.
 */
public record CollectionCreate(
        @NotBlank @Size(max = 255) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$",
                message = "must be lower-case letters, digits and '-'") String slug,
        @Size(max = 2000) String description,
        @Size(min = 1, max = 100) String embeddingModel,
        @Min(100) @Max(8000) Integer chunkSize,
        @Min(0) @Max(4000) Integer chunkOverlap,
        @Pattern(regexp = "^[a-z]{2,3}$", message = "must be an ISO 639 language code such as en or vi") String language,
        Map<String, Object> settings,
        Map<String, Object> metadata) {
}
