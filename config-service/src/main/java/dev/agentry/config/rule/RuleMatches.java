package dev.agentry.config.rule;

import dev.agentry.common.search.SearchStrategy;
import java.util.List;

/** The answer of a rule match: best first, the strategy that ran ({@code exact} or {@code index}) and the model matched with. */
public record RuleMatches(List<RuleMatch> items, SearchStrategy strategy, String embeddingModel) {
}
