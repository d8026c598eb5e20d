package dev.agentry.memory.episode;

import dev.agentry.memory.search.SearchMode;
import dev.agentry.memory.search.SearchStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The answer of a search: the hits, best first, and how they were found (the mode, the vector
 * strategy chosen for the tenant's size, the embedding model compared, the time point).
 */
public record EpisodeSearchResult(SearchMode mode, SearchStrategy strategy, String embeddingModel, Instant asOf,
        List<EpisodeHit> items) {
}
