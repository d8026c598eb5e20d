package dev.agentry.catalog.guardrail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's keyword list, read by guardrail conditions as {@code matches.<code>}. */
public record KeywordList(UUID id, String code, List<String> words, Instant createdAt, Instant updatedAt) {
}
