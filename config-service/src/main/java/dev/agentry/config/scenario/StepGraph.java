package dev.agentry.config.scenario;

import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a scenario's steps must keep: unique step ids, transitions only to existing steps,
 * exactly one entry step, and every step reachable from the entry (an unreachable step is a
 * mistake that would never show at run time). Cycles are allowed: conversations loop.
 */
public final class StepGraph {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private StepGraph() {
    }

    /** Checks {@code steps}; answers the entry step's id. Errors name {@code steps[i]...}. */
    public static String validate(List<ScenarioStep> steps) {
        List<FieldError> errors = new ArrayList<>();
        if (steps == null || steps.isEmpty()) {
            throw new ValidationException("steps", "must hold at least one step");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            String id = steps.get(i).id();
            if (id == null || !ID.matcher(id).matches()) {
                errors.add(new FieldError("steps[" + i + "].id", "must be 1 to 64 letters, digits, '_', '.' or '-'"));
            } else if (index.putIfAbsent(id, i) != null) {
                errors.add(new FieldError("steps[" + i + "].id", "repeats step id '" + steps.get(i).id() + "'"));
            }
        }
        List<Integer> entries = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ScenarioStep step = steps.get(i);
            if (step.entryStep()) {
                entries.add(i);
            }
            List<StepTransition> transitions = step.transitionsOrEmpty();
            for (int j = 0; j < transitions.size(); j++) {
                String to = transitions.get(j).to();
                if (to == null || !index.containsKey(to)) {
                    errors.add(new FieldError("steps[" + i + "].transitions[" + j + "].to",
                            "names no step of this scenario: '" + transitions.get(j).to() + "'"));
                }
            }
        }
        if (entries.size() != 1) {
            errors.add(new FieldError("steps", entries.isEmpty() ? "must have one entry step (\"entry\": true)"
                    : "must have exactly one entry step, found " + entries.size()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String entry = steps.get(entries.get(0)).id();
        Set<String> reached = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(entry));
        while (!queue.isEmpty()) {
            String id = queue.pop();
            if (reached.add(id)) {
                steps.get(index.get(id)).transitionsOrEmpty().forEach(t -> queue.push(t.to()));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (!reached.contains(steps.get(i).id())) {
                errors.add(new FieldError("steps[" + i + "]", "step '" + steps.get(i).id() + "' cannot be reached from the entry step"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return entry;
    }
}
