package dev.agentry.config.variable;

/** The body of {@code POST /v1/variables/{id}/apply}: the session's current value and the new one. */
public record ApplyRequest(Object current, Object value) {
}
