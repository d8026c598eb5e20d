package dev.agentry.catalog.blueprint;

import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Typed attribute values checked against their definitions: the value must be of the definition's
 * {@code value_type} and satisfy its {@code value_constraint}; every error names the attribute
 * ({@code attributes.bedrooms: must be at most 10}).
 */
public final class AttributeValues {

    private AttributeValues() {
    }

    /**
     * Checks {@code values} (key to JSON value) against the definitions of one scope and answers them
     * typed, in the order given; every problem is reported at once (400).
     *
     * @param prefix the JSON path of the map, e.g. {@code attributes}
     */
    public static Map<AttributeDefinition, TypedValue> check(Map<String, Object> values, List<AttributeDefinition> definitions,
            String scope, String prefix) {
        Map<String, AttributeDefinition> byKey = new LinkedHashMap<>();
        for (AttributeDefinition d : definitions) {
            // A tenant's own definition of a key shadows nothing: keys are unique across both (service check).
            byKey.putIfAbsent(d.key(), d);
        }
        List<FieldError> errors = new ArrayList<>();
        Map<AttributeDefinition, TypedValue> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((key, value) -> {
                String field = prefix + "." + key;
                AttributeDefinition def = byKey.get(key);
                if (def == null) {
                    errors.add(new FieldError(field, "is not an attribute defined for this domain"));
                } else if (!def.scope().equals(scope)) {
                    errors.add(new FieldError(field, "is a " + def.scope() + " attribute, not a " + scope + " attribute"));
                } else {
                    String problem = problem(def, value);
                    if (problem != null) {
                        errors.add(new FieldError(field, problem));
                    } else {
                        out.put(def, typed(def, value));
                    }
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return out;
    }

    /** The required definitions of {@code scope} that {@code present} lacks, as field errors. */
    public static List<FieldError> missing(List<AttributeDefinition> definitions, java.util.Collection<String> present,
            String scope, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        for (AttributeDefinition d : definitions) {
            if (d.isRequired() && d.scope().equals(scope) && !present.contains(d.key())) {
                errors.add(new FieldError(prefix + "." + d.key(), "is required"));
            }
        }
        return errors;
    }

    /** Refuses a constraint that does not fit the value type, naming the offending key. */
    public static void checkConstraint(String valueType, ValueConstraint c) {
        if (c == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        boolean number = "number".equals(valueType);
        boolean text = "text".equals(valueType);
        if ((c.min() != null || c.max() != null) && !number) {
            errors.add(new FieldError("value_constraint.min", "applies to number attributes only"));
        }
        if (c.min() != null && c.max() != null && c.min().compareTo(c.max()) > 0) {
            errors.add(new FieldError("value_constraint.max", "must not be less than min"));
        }
        if ((c.pattern() != null || c.maxLength() != null) && !text) {
            errors.add(new FieldError("value_constraint.pattern", "applies to text attributes only"));
        }
        if (c.pattern() != null) {
            try {
                Pattern.compile(c.pattern());
            } catch (PatternSyntaxException e) {
                errors.add(new FieldError("value_constraint.pattern", "is not a valid regular expression"));
            }
        }
        if (c.maxLength() != null && c.maxLength() < 1) {
            errors.add(new FieldError("value_constraint.max_length", "must be at least 1"));
        }
        if (c.allowed() != null) {
            if (c.allowed().isEmpty() || !(number || text)) {
                errors.add(new FieldError("value_constraint.enum", "must list at least one value, for text or number attributes"));
            } else {
                for (Object v : c.allowed()) {
                    if (number ? !(v instanceof Number) : !(v instanceof String)) {
                        errors.add(new FieldError("value_constraint.enum", "must hold " + valueType + " values only"));
                        break;
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    static String problem(AttributeDefinition def, Object value) {
        if (value == null) {
            return "must not be null (leave the attribute out instead)";
        }
        Map<String, Object> c = def.valueConstraint() == null ? Map.of() : def.valueConstraint();
        switch (def.valueType()) {
            case "number" -> {
                if (!(value instanceof Number n)) {
                    return "must be a number";
                }
                BigDecimal d = decimal(n);
                if (d == null) {
                    return "must be a finite number";
                }
                if (c.get("min") instanceof Number min && d.compareTo(decimal(min)) < 0) {
                    return "must be at least " + decimal(min).toPlainString();
                }
                if (c.get("max") instanceof Number max && d.compareTo(decimal(max)) > 0) {
                    return "must be at most " + decimal(max).toPlainString();
                }
                if (c.get("enum") instanceof List<?> allowed
                        && allowed.stream().noneMatch(a -> a instanceof Number an && decimal(an).compareTo(d) == 0)) {
                    return "must be one of " + allowed;
                }
                return null;
            }
            case "text" -> {
                if (!(value instanceof String s)) {
                    return "must be a string";
                }
                if (s.isBlank()) {
                    return "must not be blank";
                }
                int maxLength = c.get("max_length") instanceof Number m ? m.intValue() : 4000;
                if (s.length() > maxLength) {
                    return "must be at most " + maxLength + " characters";
                }
                if (c.get("pattern") instanceof String p && !Pattern.compile(p).matcher(s).matches()) {
                    return "must match " + p;
                }
                if (c.get("enum") instanceof List<?> allowed && !allowed.contains(s)) {
                    return "must be one of " + allowed;
                }
                return null;
            }
            case "boolean" -> {
                return value instanceof Boolean ? null : "must be true or false";
            }
            case "json" -> {
                return value instanceof Map || value instanceof List ? null : "must be a JSON object or array";
            }
            default -> {
                return "has an unknown value type";
            }
        }
    }

    static TypedValue typed(AttributeDefinition def, Object value) {
        return switch (def.valueType()) {
            case "number" -> new TypedValue(null, decimal((Number) value), null, null);
            case "text" -> new TypedValue((String) value, null, null, null);
            case "boolean" -> new TypedValue(null, null, (Boolean) value, null);
            default -> new TypedValue(null, null, null, value);
        };
    }

    /** An exact decimal of a JSON number (null for NaN or infinity). */
    public static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
    }
}
