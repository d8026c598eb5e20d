package dev.agentry.catalog.search;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * One typed attribute filter: {@code {"key": "bedrooms", "op": "gte", "value": 2}},
 * {@code {"key": "area", "op": "between", "values": [50, 80]}},
 * {@code {"key": "color", "op": "in", "values": ["white", "grey"]}}. Operators: {@code eq},
 * {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code between} (inclusive; numbers),
 * {@code in}. Offering-scope attributes are matched on the active version's values,
 * variant-scope ones on any active variant's.
 */
public record AttributeFilter(
        @NotBlank String key,
        @NotBlank @Pattern(regexp = "^(eq|gt|gte|lt|lte|between|in)$", message = "must be eq, gt, gte, lt, lte, between or in") String op,
        Object value,
        List<Object> values) {
}
