package dev.agentry.audit.log;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit_logs row as the API shows it, with its place in the tenant's hash chain. */
public record AuditLog(
        UUID id,
        UUID actorId,
        String actor,
        String action,
        String resourceType,
        String resourceId,
        Object oldValues,
        Object newValues,
        String ipAddress,
        String userAgent,
        String status,
        String errorMessage,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant recordedAt,
        long chainSeq,
        String rowHash,
        Instant redactedAt) {
}
