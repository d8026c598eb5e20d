package dev.agentry.config.variable;

import dev.agentry.common.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact semantics of the update policies, one function the runtime can rely on (and call
 * through {@code POST /v1/variables/{id}/apply}). {@code current} is the session's value (null when
 * unset), {@code value} the new one; JSON types are strings, numbers, booleans, lists and objects.
 * <ul>
 * <li><b>REPLACE</b>: the result is {@code value}, whatever both are (null clears).</li>
 * <li><b>APPEND</b>: current null: a string or list {@code value} as it is, anything else as a
 * one-element list. Current string: {@code value} must be a string, the result is the two
 * concatenated with nothing between. Current list: a list {@code value} is concatenated, anything
 * else (including an object or null) is added as one element. A current number, boolean or object
 * cannot be appended to (400).</li>
 * <li><b>MERGE</b>: RFC 7386 JSON Merge Patch of {@code value} onto {@code current}: both must be
 * objects (current null counts as {}); keys of {@code value} replace those of {@code current};
 * nested objects merge recursively; a null in {@code value} removes the key; lists and scalars are
 * replaced, never merged.</li>
 * </ul>
 */
public final class VariablePolicies {

    private VariablePolicies() {
    }

    public static Object apply(UpdatePolicy policy, Object current, Object value) {
        return switch (policy) {
            case REPLACE -> value;
            case APPEND -> append(current, value);
            case MERGE -> merge(current, value);
        };
    }

    /** Whether {@code value} can be the default of a variable with {@code policy}; null if it can, else why not. */
    public static String defaultProblem(UpdatePolicy policy, Object value) {
        if (value == null || policy == UpdatePolicy.REPLACE) {
            return null;
        }
        if (policy == UpdatePolicy.APPEND && !(value instanceof String || value instanceof List)) {
            return "must be a string or a list for the append policy";
        }
        if (policy == UpdatePolicy.MERGE && !(value instanceof Map)) {
            return "must be an object for the merge policy";
        }
        return null;
    }

    private static Object append(Object current, Object value) {
        if (current == null) {
            return value instanceof String || value instanceof List ? value : listOf(value);
        }
        if (current instanceof String s) {
            if (!(value instanceof String v)) {
                throw new ValidationException("value", "appending to a string needs a string");
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
        throw new ValidationException("current", "a " + typeOf(current) + " cannot be appended to (only a string or a list)");
    }

    private static Object merge(Object current, Object value) {
        if (!(value instanceof Map<?, ?> patch)) {
            throw new ValidationException("value", "merge needs an object");
        }
        if (current != null && !(current instanceof Map)) {
            throw new ValidationException("current", "a " + typeOf(current) + " cannot be merged into (only an object)");
        }
        return mergePatch(current == null ? Map.of() : (Map<?, ?>) current, patch);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergePatch(Map<?, ?> target, Map<?, ?> patch) {
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) target);
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

    private static List<Object> listOf(Object value) {
        List<Object> out = new ArrayList<>(1);
        out.add(value);
        return out;
    }

    private static String typeOf(Object value) {
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return value.getClass().getSimpleName().toLowerCase();
    }
}
