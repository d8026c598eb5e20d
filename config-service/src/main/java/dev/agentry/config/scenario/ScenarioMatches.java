package dev.agentry.config.scenario;

import dev.agentry.common.search.SearchStrategy;
import java.util.List;

/** The answer of a scenario match: best first, the strategy that ran ({@code exact} or {@code index}) and the model matched with. */
public record ScenarioMatches(List<ScenarioMatch> items, SearchStrategy strategy, String embeddingModel) {
}
