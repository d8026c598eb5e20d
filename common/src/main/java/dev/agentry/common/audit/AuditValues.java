package dev.agentry.common.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an audit record keeps of an answer: the JSON object as the client saw it, with every secret
 * taken out wherever it sits ({@code key}, {@code api_key}, {@code password}, {@code secret},
 * {@code token}, their hashes and sealed forms: the value becomes {@value #REDACTED}), and nothing
 * past {@value #MAX_BYTES} bytes (a scenario with a hundred steps is summarised, not copied).
 */
public final class AuditValues {

    static final String REDACTED = "[redacted]";
    static final int MAX_BYTES = 32 * 1024;

    /**
     * Names that hold a secret or something that opens one. {@code key_prefix} (the first characters
     * shown to recognise a key) and ids ({@code api_key_id}) are not secrets.
     */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)^(?!.*_id$)(?!key_prefix$).*(^key$|api_?key|password|secret|token|pepper|private_key|credential|sealed|_hash$).*");

    private AuditValues() {
    }

    /** The answer's JSON object, secrets out; null when the answer is not an object (or none). */
    public static Map<String, Object> of(Object body, ObjectMapper mapper) {
        if (body == null || body instanceof CharSequence || body instanceof Number || body instanceof Boolean
                || body instanceof Iterable<?> || body.getClass().isArray()) {
            return null;
        }
        JsonNode tree;
        try {
            tree = mapper.valueToTree(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!(tree instanceof ObjectNode object)) {
            return null;
        }
        redact(object);
        try {
            if (mapper.writeValueAsBytes(object).length > MAX_BYTES) {
                return Map.of("omitted", "the answer is larger than " + MAX_BYTES + " bytes", "fields",
                        fieldNames(object));
            }
        } catch (JsonProcessingException e) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = mapper.convertValue(object, Map.class);
        return values;
    }

    static boolean isSecret(String name) {
        return SECRET.matcher(name).matches();
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = fieldNames(object);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (isSecret(name) && !value.isNull()) {
                    object.put(name, REDACTED);
                } else {
                    redact(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AuditValues::redact);
        }
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
