package dev.agentry.config.scenario;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/agents/{id}/scenarios/match}: a message, or its ready vector
 * ({@code embedding} + {@code embedding_model}, both or neither; {@code vector} is the deprecated
 * name of {@code embedding}); {@code strategy} as for rule match.
 */
public record ScenarioMatchRequest(
        @Size(min = 1, max = 10_000) String message,
        @JsonAlias("vector") float[] embedding,
        @Size(max = 100) String embeddingModel,
        @Min(1) @Max(50) Integer topK,
        SearchStrategy strategy) {
}
