package dev.agentry.config.rule;

import dev.agentry.config.scenario.Scope;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code PATCH /v1/rules/{id}}: fields left out keep their value. A new
 * {@code condition_text} is embedded again; setting {@code scope} to global clears the scope ids.
 */
public record RuleUpdate(
        @Size(min = 1, max = 255) String name,
        @Size(max = 10_000) String description,
        @Size(min = 1, max = 10_000) String conditionText,
        float[] conditionEmbedding,
        @Size(max = 100) String embeddingModel,
        @Size(min = 1, max = 50) String actionType,
        Map<String, Object> actionConfig,
        Scope scope,
        UUID scopeId,
        @Size(max = 64) String scopeStepId,
        @Min(-1_000_000) @Max(1_000_000) Integer priority,
        Boolean enabled) {
}
