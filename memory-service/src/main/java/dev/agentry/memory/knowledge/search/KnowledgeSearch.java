package dev.agentry.memory.knowledge.search;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/collections/{id}/search}: current chunks of the collection ranked for
 * {@code query}, or for a ready vector ({@code embedding} with its {@code embedding_model}, checked as
 * for episodes: what the turn pipeline sends, having embedded the message once). Without a query the
 * mode is {@code vector}; {@code text} and {@code hybrid} need the query. Filters: one document
 * ({@code document_id}), one file type ({@code file_type}). {@code language} (the text ranking's
 * stemming) defaults to the collection's; {@code strategy} ({@code auto}, {@code exact},
 * {@code index}) as for episodes.
 */
public record KnowledgeSearch(
        @Size(max = 2000) String query,
        float[] embedding,
        @Size(max = 100) String embeddingModel,
        SearchMode mode,
        SearchStrategy strategy,
        @Min(1) Integer limit,
        UUID documentId,
        @Pattern(regexp = "^(txt|md|csv)$", message = "must be one of txt, md, csv") String fileType,
        @Pattern(regexp = "^[a-z]{2,3}$", message = "must be an ISO 639 language code such as en or vi") String language) {

    /** Whether the search was given its query text. */
    public boolean hasQuery() {
        return query != null && !query.isBlank();
    }
}
