package dev.agentry.config.template;

import dev.agentry.config.scenario.Scope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/agents/{agent_id}/templates}. Every {@code {placeholder}} of
 * {@code content} must name a variable of the agent. Mode defaults to suggest, scope to global.
 */
public record TemplateCreate(
        @NotBlank @Size(max = 255) String name,
        @NotEmpty @Size(max = 20_000) String content,
        TemplateMode mode,
        Scope scope,
        UUID scopeId,
        @Size(max = 64) String scopeStepId) {
}
