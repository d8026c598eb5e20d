package dev.agentry.catalog.faq;

import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/bots/{id}/faq/search}: a {@code query} (embedded here) or a ready
 * {@code embedding} with its {@code embedding_model} (the deployment's model and width, as the turn
 * pipeline sends the vector it made once). Searches the active entries of the bot and of the
 * tenant's bot-less FAQ, of one {@code category} when given; hits below {@code min_similarity}
 * (cosine, -1..1) are left out.
 */
public record FaqSearch(
        @Size(max = 2000) String query,
        float[] embedding,
        String embeddingModel,
        @Size(min = 1, max = 100) String category,
        SearchStrategy strategy,
        @DecimalMin("-1") @DecimalMax("1") Double minSimilarity,
        @Min(1) @Max(50) Integer limit) {
}
