package dev.agentry.config.rule;

import dev.agentry.config.matching.SearchStrategy;
import java.util.List;

/** The answer of a rule match: best first, and how the search was done. */
public record RuleMatches(List<RuleMatch> items, SearchStrategy strategy, String embeddingModel) {
}
