package dev.agentry.catalog.search;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /v1/offerings/search}, over active versions of live offerings only.
 * {@code query} is matched accent-insensitively (full text over unaccented words, plus trigram
 * similarity for misspellings) and, in {@code hybrid} and {@code vector} mode, by meaning (its
 * embedding, or a ready {@code embedding} with its {@code embedding_model}).
 */
public record OfferingSearch(
        @Size(max = 1000) String query,
        float[] embedding,
        String embeddingModel,
        SearchMode mode,
        SearchStrategy strategy,
        UUID domainId,
        @Pattern(regexp = "^(physical|service|asset|financial)$", message = "must be physical, service, asset or financial") String offeringType,
        @Size(max = 20) List<@Valid AttributeFilter> filters,
        @Valid PriceFilter price,
        Boolean inStock,
        @Min(1) @Max(100) Integer limit) {
}
