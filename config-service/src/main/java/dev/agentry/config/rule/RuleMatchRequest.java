package dev.agentry.config.rule;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/agents/{id}/rules/match}: the customer's message, or its ready vector
 * ({@code embedding} with its {@code embedding_model}, both or neither; {@code vector} is the
 * deprecated name of {@code embedding}, read for one release), and where the conversation is: the
 * active scenario and step, which make SCENARIO and STEP rules eligible. {@code top_k} defaults to
 * 5 (at most 50); {@code strategy} is {@code auto} (default), {@code exact} or {@code index}
 * ({@code hnsw}: deprecated spelling of {@code index}).
 */
public record RuleMatchRequest(
        @Size(min = 1, max = 10_000) String message,
        @JsonAlias("vector") float[] embedding,
        @Size(max = 100) String embeddingModel,
        UUID scenarioId,
        @Size(max = 64) String stepId,
        @Min(1) @Max(50) Integer topK,
        SearchStrategy strategy) {
}
