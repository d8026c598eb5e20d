package dev.agentry.config.workflow;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One node of a workflow's DAG: an agent of the tenant that runs after the steps it depends on. */
public record WorkflowStep(
        @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9_.-]+$", message = "must be letters, digits, '_', '.' or '-'") String id,
        @NotNull UUID agentId,
        @Size(max = 50) List<@NotBlank String> dependsOn,
        Map<String, Object> input) {

    public List<String> dependencies() {
        return dependsOn == null ? List.of() : dependsOn;
    }
}
