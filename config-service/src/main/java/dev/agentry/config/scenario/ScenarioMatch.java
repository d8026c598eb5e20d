package dev.agentry.config.scenario;

import java.util.UUID;

/** A scenario whose entry condition matches a message, with its cosine similarity. */
public record ScenarioMatch(UUID scenarioId, String name, int version, String entryStepId, String entryCondition, double score) {
}
