package dev.agentry.memory.search;

import dev.agentry.common.search.SearchStrategy;

/**
 * The vector ranking of a search: how it runs ({@code EXACT} or {@code INDEX}, never {@code AUTO}:
 * the service has chosen), the query vector and the embedding model the compared rows must share.
 */
public record VectorQuery(SearchStrategy strategy, float[] vector, String model) {

    public VectorQuery {
        if (strategy != SearchStrategy.EXACT && strategy != SearchStrategy.INDEX) {
            throw new IllegalArgumentException("a vector ranking runs exact or through the index, not " + strategy);
        }
    }
}
