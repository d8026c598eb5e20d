package dev.agentry.config.workflow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A workflow's definition: its steps form a directed acyclic graph through {@code depends_on}. */
public record WorkflowDefinition(@NotEmpty @Size(max = 200) List<@Valid WorkflowStep> steps) {
}
