package dev.agentry.config.scenario;

import dev.agentry.config.matching.SearchStrategy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/agents/{id}/scenarios/match}: a message (or its vector). */
public record ScenarioMatchRequest(
        @Size(min = 1, max = 10_000) String message,
        float[] vector,
        @Size(max = 100) String embeddingModel,
        @Min(1) @Max(50) Integer topK,
        SearchStrategy strategy) {
}
