package dev.agentry.catalog.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one import record's cells (offerings and FAQ alike), each error naming its row and
 * column. {@code json} parses a JSON object given as text; a reader that has none passes null.
 */
record ImportCells(Map<String, Object> record, int row, List<ImportRowError> errors, ObjectMapper json) {

    /** Whether the column holds something (not null, not blank, not an empty object). */
    boolean present(String column) {
        Object v = record.get(column);
        return v != null && !(v instanceof String s && s.isBlank()) && !(v instanceof Map<?, ?> m && m.isEmpty());
    }

    String text(String column, int max, boolean required) {
        Object v = record.get(column);
        String s = v == null ? null : v instanceof String str ? str.strip() : v.toString();
        if (s == null || s.isEmpty()) {
            if (required) {
                errors.add(new ImportRowError(row, column, "is required"));
            }
            return null;
        }
        if (s.length() > max) {
            errors.add(new ImportRowError(row, column, "is longer than " + max + " characters"));
            return null;
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String column) {
        Object v = record.get(column);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (v instanceof String s) {
            try {
                Object parsed = json.readValue(s, Object.class);
                if (parsed instanceof Map<?, ?> m) {
                    return (Map<String, Object>) m;
                }
            } catch (Exception e) {
                // reported below
            }
        }
        errors.add(new ImportRowError(row, column, "must be a JSON object such as {\"bedrooms\": 3}"));
        return Map.of();
    }

    BigDecimal decimal(String column) {
        Object v = record.get(column);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.toString().strip());
            if (d.signum() < 0) {
                errors.add(new ImportRowError(row, column, "must not be negative"));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(new ImportRowError(row, column, "must be a decimal number such as 1250000.50"));
            return null;
        }
    }

    Integer integer(String column) {
        Object v = record.get(column);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v.toString().strip());
            int i = d.intValueExact();
            if (i < 0 || i > 1_000_000_000) {
                errors.add(new ImportRowError(row, column, "must be between 0 and 1000000000"));
                return null;
            }
            return i;
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(new ImportRowError(row, column, "must be a whole number"));
            return null;
        }
    }
}
