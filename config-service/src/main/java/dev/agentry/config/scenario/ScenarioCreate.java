package dev.agentry.config.scenario;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /v1/agents/{agent_id}/scenarios}. {@code entry_condition} is embedded
 * for matching unless {@code entry_embedding} is given.
 */
public record ScenarioCreate(
        @NotBlank @Size(max = 255) String name,
        @Size(max = 10_000) String description,
        @Size(min = 1, max = 10_000) String entryCondition,
        float[] entryEmbedding,
        @Size(max = 100) String embeddingModel,
        @NotEmpty @Size(max = 200) List<@Valid ScenarioStep> steps,
        Boolean enabled) {
}
