package dev.agentry.catalog.cache;

import dev.agentry.common.search.SearchStrategy;

/**
 * What a lookup found: {@code hit} (an entry at or above {@code threshold} was found, it is
 * {@code entry}), the {@code similarity} of the nearest live entry of the scope (also on a miss,
 * null when the scope has none), the {@code threshold} applied, the {@code strategy} that ran and the
 * {@code embedding_model} compared.
 */
public record SemanticCacheLookupResult(boolean hit, Double similarity, double threshold, SearchStrategy strategy,
        String embeddingModel, SemanticCacheEntry entry) {
}
