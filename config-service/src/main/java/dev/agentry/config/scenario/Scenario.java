package dev.agentry.config.scenario;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A scenario (journey) at its current version. */
public record Scenario(
        UUID id,
        UUID agentId,
        String name,
        String description,
        int version,
        String entryCondition,
        String embeddingModel,
        List<ScenarioStep> steps,
        String entryStepId,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    public boolean hasStep(String stepId) {
        return steps.stream().anyMatch(s -> s.id().equals(stepId));
    }
}
