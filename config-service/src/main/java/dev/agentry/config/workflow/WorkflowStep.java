package dev.agentry.config.workflow;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One node of a workflow's DAG: an agent of the tenant that runs after the steps it depends on (checked by {@link WorkflowGraph}). */
public record WorkflowStep(
        String id,
        UUID agentId,
        @Size(max = 50) List<String> dependsOn,
        Map<String, Object> input) {

    public List<String> dependencies() {
        return dependsOn == null ? List.of() : dependsOn;
    }
}
