package dev.agentry.conversation.turn;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/sessions/{id}/turns}: what the customer said, and optionally its
 * language (a BCP 47 tag such as {@code en} or {@code vi}; else the session variable
 * {@code language}, else {@code turn.default-language}), which scopes the semantic cache.
 */
public record TurnRequest(
        @NotBlank @Size(max = 8000) String message,
        @Pattern(regexp = LANGUAGE, message = "must be a BCP 47 language tag such as en or vi") String language) {

    /** A language tag: 2-3 letters, then subtags (catalog-service's rule for the cache's scope). */
    public static final String LANGUAGE = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

    public TurnRequest(String message) {
        this(message, null);
    }
}
