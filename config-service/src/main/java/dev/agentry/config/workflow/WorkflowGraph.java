package dev.agentry.config.workflow;

import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A workflow definition must be a DAG: unique step ids, dependencies on existing steps, no cycle. */
public final class WorkflowGraph {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private WorkflowGraph() {
    }

    /** Checks the definition; answers the agents it names, in order of first use. */
    public static List<UUID> validate(WorkflowDefinition definition) {
        List<WorkflowStep> steps = definition.steps();
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            WorkflowStep step = steps.get(i);
            if (step.agentId() == null) {
                errors.add(new FieldError("definition.steps[" + i + "].agent_id", "must not be null"));
            }
            if (step.id() == null || !ID.matcher(step.id()).matches()) {
                errors.add(new FieldError("definition.steps[" + i + "].id", "must be 1 to 64 letters, digits, '_', '.' or '-'"));
            } else if (index.putIfAbsent(step.id(), i) != null) {
                errors.add(new FieldError("definition.steps[" + i + "].id", "repeats step id '" + steps.get(i).id() + "'"));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            List<String> deps = steps.get(i).dependencies();
            for (int j = 0; j < deps.size(); j++) {
                if (deps.get(j) == null || !index.containsKey(deps.get(j))) {
                    errors.add(new FieldError("definition.steps[" + i + "].depends_on[" + j + "]", "names no step: '" + deps.get(j) + "'"));
                } else if (deps.get(j).equals(steps.get(i).id())) {
                    errors.add(new FieldError("definition.steps[" + i + "].depends_on[" + j + "]", "a step cannot depend on itself"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        // Kahn's algorithm: whatever is left with dependencies after the sort is on a cycle.
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (WorkflowStep s : steps) {
            pending.put(s.id(), new LinkedHashSet<>(s.dependencies()).size());
            for (String d : new LinkedHashSet<>(s.dependencies())) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s.id());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        int sorted = 0;
        while (!ready.isEmpty()) {
            String id = ready.pop();
            sorted++;
            for (String next : dependents.getOrDefault(id, List.of())) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (sorted != steps.size()) {
            List<String> cyclic = steps.stream().map(WorkflowStep::id).filter(id -> pending.get(id) > 0).toList();
            throw new ValidationException("definition.steps", "the dependencies form a cycle through " + cyclic);
        }
        Set<UUID> agents = new LinkedHashSet<>();
        steps.forEach(s -> agents.add(s.agentId()));
        return List.copyOf(agents);
    }
}
