package dev.agentry.audit.event;

import java.time.Instant;
import java.util.UUID;

/** One audit_events row as the API shows it. */
public record AuditEvent(
        UUID id,
        UUID sessionId,
        UUID turnId,
        String eventType,
        Object eventData,
        UUID agentId,
        UUID profileId,
        String traceId,
        Instant createdAt,
        Instant recordedAt,
        Instant redactedAt) {
}
