package dev.agentry.catalog.search;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import java.util.List;

/** The hits, best first, with the mode and the vector strategy that ran ({@code exact} or {@code index}; null in text mode). */
public record OfferingSearchResult(SearchMode mode, SearchStrategy strategy, List<OfferingHit> hits) {
}
