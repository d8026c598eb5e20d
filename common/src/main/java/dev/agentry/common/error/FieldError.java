package dev.agentry.common.error;

/** One rejected input: where it is (a JSON path such as {@code limits.max_agents}) and why. */
public record FieldError(String field, String message) {
}
