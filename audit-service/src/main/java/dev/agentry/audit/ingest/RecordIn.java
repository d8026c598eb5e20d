package dev.agentry.audit.ingest;

import dev.agentry.common.audit.AuditKind;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One record of an HTTP batch: the same shape as on the stream. {@code id} is the producer's
 * (UUID v7 made here when absent: send one to make retries idempotent); {@code occurred_at}
 * defaults to now; {@code data} holds the table's columns (docs/audit-service.md).
 */
public record RecordIn(UUID id, @NotNull AuditKind kind, Instant occurredAt, @NotNull Map<String, Object> data) {
}
