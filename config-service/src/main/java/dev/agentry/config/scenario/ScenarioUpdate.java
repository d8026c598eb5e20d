package dev.agentry.config.scenario;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code PATCH /v1/scenarios/{id}}: fields left out keep their value. New
 * {@code steps} that differ from the current ones archive the current version and make a new one.
 */
public record ScenarioUpdate(
        @Size(min = 1, max = 255) String name,
        @Size(max = 10_000) String description,
        @Size(min = 1, max = 10_000) String entryCondition,
        float[] entryEmbedding,
        @Size(max = 100) String embeddingModel,
        @Size(min = 1, max = 200) List<@Valid ScenarioStep> steps,
        Boolean enabled) {
}
