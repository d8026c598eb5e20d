package dev.agentry.conversation.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a turn writes to the session's variables: the values its extractors found, each combined with
 * the session's current value by the variable's update policy. Extractors are declared two ways: an
 * agent variable named like a built-in extractor ({@code email}, {@code order_number},
 * {@code phone}, {@code date}, {@code amount}, {@code quantity}) takes what that extractor found; a
 * scenario step's {@code metadata.extract} maps variable names to extractors
 * ({@code {"contact": "email"}}) for the turns the session is in that step (or enters it). Only the agent's variables are
 * written (a name the agent does not declare is skipped). The policies are applied to the session
 * as the compare-and-set finds it, so a turn that lost the race re-applies them to the winner's
 * variables: none is lost.
 */
public record VariableUpdates(List<Update> updates) {

    /** One variable's new value from this turn, the extractor that found it, and the policy to combine it with. */
    public record Update(String name, Object value, String extractor, AgentRuntime.AgentVariable variable) {
    }

    public static VariableUpdates none() {
        return new VariableUpdates(List.of());
    }

    /** The updates for this turn from the extracted slots ({@code slot key -> value}), the agent's variables and the step. */
    public static VariableUpdates of(Map<String, String> extracted, AgentRuntime runtime, ScenarioTurn where) {
        Map<String, AgentRuntime.AgentVariable> declared = new LinkedHashMap<>();
        runtime.variables().forEach(v -> declared.put(v.name(), v));
        Map<String, String> extractorOf = new LinkedHashMap<>();
        declared.keySet().stream().filter(extracted::containsKey).forEach(name -> extractorOf.put(name, name));
        // The step that asked (the one the session was in) and the one it is in now.
        for (Optional<ScenarioDefinition.Step> step : List.of(where.fromStep(), where.step())) {
            step.map(s -> s.metadata().get("extract")).filter(Map.class::isInstance).map(m -> (Map<?, ?>) m)
                    .ifPresent(map -> map.forEach((name, extractor) -> {
                        if (declared.containsKey(String.valueOf(name)) && extractor instanceof String type) {
                            extractorOf.putIfAbsent(String.valueOf(name), type);
                        }
                    }));
        }
        List<Update> updates = new ArrayList<>();
        extractorOf.forEach((name, extractor) -> {
            String value = extracted.get(extractor);
            if (value != null) {
                updates.add(new Update(name, value, extractor, declared.get(name)));
            }
        });
        return new VariableUpdates(List.copyOf(updates));
    }

    /** What applying the updates to {@code current} gives, and which were refused by their policy. */
    public record Applied(Map<String, Object> variables, List<Map<String, Object>> refused) {
    }

    /**
     * The updates applied to a session's variables: each on the session's value, else the
     * variable's {@code default_value}; a value the policy refuses leaves the variable as it was.
     */
    public Applied applyTo(Map<String, Object> current) {
        Map<String, Object> out = new LinkedHashMap<>(current);
        List<Map<String, Object>> refused = new ArrayList<>();
        for (Update u : updates) {
            Object before = out.containsKey(u.name()) ? out.get(u.name()) : u.variable().defaultValue();
            try {
                Object after = VariablePolicies.apply(u.variable().policy(), before, u.value());
                if (after == null) {
                    out.remove(u.name());
                } else {
                    out.put(u.name(), after);
                }
            } catch (VariablePolicies.Refused e) {
                refused.add(Map.of("name", u.name(), "field", e.field(), "reason", e.getMessage()));
            }
        }
        return new Applied(out, List.copyOf(refused));
    }

    /** The updates for the decision event: {@code [{name, value, extractor, policy}]}. */
    public List<Map<String, Object>> decision() {
        return updates.stream().map(u -> Map.<String, Object> of("name", u.name(), "value", u.value(), "extractor", u.extractor(),
                "policy", u.variable().policy().name().toLowerCase(java.util.Locale.ROOT))).toList();
    }
}
