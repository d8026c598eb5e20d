package dev.agentry.catalog.cache;

import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/semantic-cache/lookup}: a {@code query} (embedded here) or a ready
 * {@code embedding} + {@code embedding_model} (common's QueryVectors rules), the scope
 * ({@code bot_version_id}, null for entries of no bot; {@code language}), and optionally a
 * {@code min_similarity} stricter than the tenant's threshold (a looser one is not allowed: the
 * threshold is the tenant's decision).
 */
public record SemanticCacheLookup(
        @Size(max = 2000) String query,
        float[] embedding,
        String embeddingModel,
        UUID botVersionId,
        @NotNull @Pattern(regexp = LANGUAGE, message = "must be a BCP 47 language tag such as en or vi") String language,
        @DecimalMin("0") @DecimalMax("1") Double minSimilarity,
        SearchStrategy strategy) {

    /** A language tag: 2-3 letters, then subtags (any case; stored lower case). */
    public static final String LANGUAGE = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";
}
