package dev.agentry.catalog.blueprint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a value must satisfy: {@code min}/{@code max} (numbers, inclusive), {@code enum} (the
 * allowed values, of the definition's type), {@code pattern} (a regular expression the whole text
 * matches), {@code max_length} (text). Which keys fit which type is checked by {@link AttributeValues}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValueConstraint(BigDecimal min, BigDecimal max, @JsonProperty("enum") List<Object> allowed, String pattern,
        Integer maxLength) {

    /** The stored form (jsonb), with the wire's key names. */
    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (min != null) {
            out.put("min", min);
        }
        if (max != null) {
            out.put("max", max);
        }
        if (allowed != null) {
            out.put("enum", allowed);
        }
        if (pattern != null) {
            out.put("pattern", pattern);
        }
        if (maxLength != null) {
            out.put("max_length", maxLength);
        }
        return out;
    }
}
