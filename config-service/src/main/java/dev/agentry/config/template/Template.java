package dev.agentry.config.template;

import dev.agentry.config.scenario.Scope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A response template of an agent, with the variables its placeholders name. */
public record Template(UUID id, UUID agentId, String name, String content, List<String> placeholders, TemplateMode mode,
        Scope scope, UUID scopeId, String scopeStepId, Instant createdAt, Instant updatedAt) {
}
