package dev.agentry.memory.episode;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The answer of a search: the hits, best first, and how they were found (the mode, the vector
 * strategy that ran, {@code exact} or {@code index}, null in text mode; the embedding model compared,
 * the time point).
 */
public record EpisodeSearchResult(SearchMode mode, SearchStrategy strategy, String embeddingModel, Instant asOf,
        List<EpisodeHit> items) {
}
