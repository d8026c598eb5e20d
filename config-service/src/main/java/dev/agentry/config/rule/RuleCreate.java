package dev.agentry.config.rule;

import dev.agentry.config.scenario.Scope;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /v1/agents/{agent_id}/rules}. {@code condition_text} is embedded unless
 * {@code condition_embedding} is given (then of the deployment's width and model). Higher
 * {@code priority} wins ties in matching.
 */
public record RuleCreate(
        @NotBlank @Size(max = 255) String name,
        @Size(max = 10_000) String description,
        @NotBlank @Size(max = 10_000) String conditionText,
        float[] conditionEmbedding,
        @Size(max = 100) String embeddingModel,
        @NotBlank @Size(max = 50) String actionType,
        Map<String, Object> actionConfig,
        Scope scope,
        UUID scopeId,
        @Size(max = 64) String scopeStepId,
        @Min(-1_000_000) @Max(1_000_000) Integer priority,
        Boolean enabled) {
}
