package dev.agentry.common.grpc;

import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Conversions between the contracts' wire values and the services' records. proto3 has no null:
 * an empty string or list means "not given", so ids and instants travel as strings (empty: none)
 * and a wrong one is refused like REST refuses it, naming the field. The contracts' search enums
 * share their numbers (0 unspecified, then the Java constants in order), so one mapping serves all.
 */
public final class GrpcValues {

    private GrpcValues() {
    }

    /** Null for an empty string, else the text. */
    public static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The wire form of an optional text: empty for null. */
    public static String wire(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Null for an empty string, else the UUID; a malformed one is a 400 on {@code field}. */
    public static UUID uuid(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Ids.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be a UUID");
        }
    }

    /** A UUID that must be given. */
    public static UUID requiredUuid(String field, String value) {
        UUID id = uuid(field, value);
        if (id == null) {
            throw new ValidationException(field, "must not be empty");
        }
        return id;
    }

    /** Null for an empty string, else the RFC 3339 instant; a malformed one is a 400 on {@code field}. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be an RFC 3339 instant such as 2026-01-31T12:00:00Z");
        }
    }

    /** Null for an empty vector (the service embeds the text then), else its values. */
    public static float[] vector(List<Float> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    /** The packed wire form of a vector. */
    public static List<Float> floats(float[] vector) {
        if (vector == null) {
            return List.of();
        }
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        return List.of(boxed);
    }

    /** A contract's {@code SearchStrategy} by number: 0 (unspecified) is auto; an unknown number is a 400. */
    public static SearchStrategy strategy(int number) {
        return switch (number) {
            case 0 -> null;
            case 1 -> SearchStrategy.EXACT;
            case 2 -> SearchStrategy.INDEX;
            default -> throw new ValidationException("strategy", "must be SEARCH_STRATEGY_EXACT or SEARCH_STRATEGY_INDEX, or unset");
        };
    }

    /** The number of a strategy in the contracts (0 for auto or none). */
    public static int strategyNumber(SearchStrategy strategy) {
        if (strategy == null) {
            return 0;
        }
        return switch (strategy) {
            case AUTO -> 0;
            case EXACT -> 1;
            case INDEX -> 2;
        };
    }

    /** A contract's {@code SearchMode} by number: 0 (unspecified) leaves the service's default; an unknown number is a 400. */
    public static SearchMode mode(int number) {
        return switch (number) {
            case 0 -> null;
            case 1 -> SearchMode.HYBRID;
            case 2 -> SearchMode.VECTOR;
            case 3 -> SearchMode.TEXT;
            default -> throw new ValidationException("mode", "must be SEARCH_MODE_HYBRID, SEARCH_MODE_VECTOR or SEARCH_MODE_TEXT, or unset");
        };
    }

    /** The number of a mode in the contracts. */
    public static int modeNumber(SearchMode mode) {
        if (mode == null) {
            return 0;
        }
        return switch (mode) {
            case HYBRID -> 1;
            case VECTOR -> 2;
            case TEXT -> 3;
        };
    }
}
