package dev.agentry.conversation.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables' update policies exactly as config-service's {@code VariablePolicies} (and its
 * {@code POST /v1/variables/{id}/apply}) define them, docs/config-service.md, "Variables: update
 * policies". Where config-service answers 400 this throws {@link Refused}, naming the field.
 */
public final class VariablePolicies {

    /** A value the policy cannot combine with the current one (config-service's 400). */
    public static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private VariablePolicies() {
    }

    public static Object apply(AgentRuntime.UpdatePolicy policy, Object current, Object value) {
        return switch (policy) {
            case REPLACE -> value;
            case APPEND -> append(current, value);
            case MERGE -> merge(current, value);
        };
    }

    private static Object append(Object current, Object value) {
        if (current == null) {
            if (value instanceof String || value instanceof List) {
                return value;
            }
            List<Object> one = new ArrayList<>(1);
            one.add(value);
            return one;
        }
        if (current instanceof String s) {
            if (!(value instanceof String v)) {
                throw new Refused("value", "appending to a string needs a string");
            }
            return s + v;
        }
        if (current instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list);
            if (value instanceof List<?> more) {
                out.addAll(more);
            } else {
                out.add(value);
            }
            return out;
        }
        throw new Refused("current", "only a string or a list can be appended to");
    }

    private static Object merge(Object current, Object value) {
        if (!(value instanceof Map<?, ?> patch)) {
            throw new Refused("value", "merge needs an object");
        }
        if (current != null && !(current instanceof Map)) {
            throw new Refused("current", "only an object can be merged into");
        }
        return mergePatch(current == null ? Map.of() : (Map<?, ?>) current, patch);
    }

    /** RFC 7386: keys of the patch replace, nested objects merge, a null removes, lists and scalars are replaced whole. */
    private static Map<String, Object> mergePatch(Map<?, ?> target, Map<?, ?> patch) {
        Map<String, Object> out = new LinkedHashMap<>();
        target.forEach((k, v) -> out.put(String.valueOf(k), v));
        patch.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v == null) {
                out.remove(key);
            } else if (v instanceof Map<?, ?> nested) {
                Object existing = out.get(key);
                out.put(key, mergePatch(existing instanceof Map<?, ?> m ? m : Map.of(), nested));
            } else {
                out.put(key, v);
            }
        });
        return out;
    }
}
