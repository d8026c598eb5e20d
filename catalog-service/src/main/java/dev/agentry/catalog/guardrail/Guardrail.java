package dev.agentry.catalog.guardrail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A guardrail as answered; {@code detectors} are the names its condition reads from
 * {@code matches} (what a {@code redact} replaces).
 */
public record Guardrail(UUID id, String code, String name, String conditionExpression, String violationAction, String fallbackMessage,
        int priority, boolean active, List<String> detectors, Instant createdAt, Instant updatedAt) {
}
