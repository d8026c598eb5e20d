package dev.agentry.config.rule;

import dev.agentry.config.scenario.Scope;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A rule (guideline) as the API shows it; its condition's vector stays in the database. */
public record Rule(
        UUID id,
        UUID agentId,
        String name,
        String description,
        String conditionText,
        String embeddingModel,
        String actionType,
        Map<String, Object> actionConfig,
        Scope scope,
        UUID scopeId,
        String scopeStepId,
        int priority,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {
}
