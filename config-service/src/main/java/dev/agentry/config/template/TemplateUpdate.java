package dev.agentry.config.template;

import dev.agentry.config.scenario.Scope;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The body of {@code PATCH /v1/templates/{id}}: fields left out keep their value. */
public record TemplateUpdate(
        @Size(min = 1, max = 255) String name,
        @Size(min = 1, max = 20_000) String content,
        TemplateMode mode,
        Scope scope,
        UUID scopeId,
        @Size(max = 64) String scopeStepId) {
}
