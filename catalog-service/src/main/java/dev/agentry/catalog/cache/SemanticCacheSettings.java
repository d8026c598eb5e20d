package dev.agentry.catalog.cache;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A tenant's semantic-cache settings ({@code GET/PUT /v1/semantic-cache/settings}): the least
 * cosine similarity a lookup must reach to be served ({@code similarity_threshold}) and the TTL of
 * a fill that names none ({@code default_ttl_seconds}). A tenant that never set them has the
 * defaults; {@code customized} says which.
 */
public record SemanticCacheSettings(
        @NotNull @DecimalMin("0.5") @DecimalMax("1") Double similarityThreshold,
        @NotNull @Min(1) @Max(MAX_TTL_SECONDS) Integer defaultTtlSeconds,
        Boolean customized) {

    /**
     * The default threshold, measured with the in-process model on real paraphrase and
     * different-question pairs (SemanticCacheThresholdTest; the data is in docs/catalog-service.md).
     */
    public static final double DEFAULT_THRESHOLD = 0.88;
    public static final int DEFAULT_TTL_SECONDS = 86_400;
    public static final int MAX_TTL_SECONDS = 30 * 86_400;

    static SemanticCacheSettings defaults() {
        return new SemanticCacheSettings(DEFAULT_THRESHOLD, DEFAULT_TTL_SECONDS, false);
    }
}
