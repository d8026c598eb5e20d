package dev.agentry.catalog.support;

import dev.agentry.common.error.ValidationException;
import java.util.Locale;
import java.util.Set;

/** Checks of the closed vocabularies (lower case on the wire and in the database). */
public final class Tokens {

    private Tokens() {
    }

    /** {@code value} if it is one of {@code allowed}, else 400 naming {@code field}. */
    public static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ValidationException(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    /** A three-letter ISO 4217 code, upper case. */
    public static String currency(String field, String value) {
        if (value == null || !value.matches("^[A-Z]{3}$")) {
            throw new ValidationException(field, "must be a three-letter upper-case ISO 4217 code such as VND");
        }
        return value.toUpperCase(Locale.ROOT);
    }
}
