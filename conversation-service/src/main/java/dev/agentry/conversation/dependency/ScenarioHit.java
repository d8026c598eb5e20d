package dev.agentry.conversation.dependency;

import java.util.UUID;

/** A scenario whose entry condition config-service matched to the message. */
public record ScenarioHit(UUID scenarioId, String name, int version, String entryStepId, double score) {
}
