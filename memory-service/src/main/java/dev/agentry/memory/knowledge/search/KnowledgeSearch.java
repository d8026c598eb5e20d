package dev.agentry.memory.knowledge.search;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/collections/{id}/search}: current chunks of the collection (or of one
 * of its documents) ranked for {@code query}; {@code language} defaults to the collection's;
 * {@code strategy} ({@code auto}, {@code exact}, {@code index}) as for episodes.
 */
public record KnowledgeSearch(
        @NotBlank @Size(max = 2000) String query,
        SearchMode mode,
        SearchStrategy strategy,
        @Min(1) Integer limit,
        UUID documentId,
        @Pattern(regexp = "^[a-z]{2,3}$", message = "must be an ISO 639 language code such as en or vi") String language) {
}
