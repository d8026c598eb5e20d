package dev.agentry.catalog.faq;

import dev.agentry.common.search.SearchStrategy;
import java.util.List;

/** The hits, best first, and the vector strategy that ran ({@code exact} or {@code index}). */
public record FaqSearchResult(SearchStrategy strategy, String embeddingModel, List<FaqHit> hits) {
}
