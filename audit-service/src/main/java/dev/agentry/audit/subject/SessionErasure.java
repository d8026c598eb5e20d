package dev.agentry.audit.subject;

import java.time.Instant;
import java.util.UUID;

/**
 * What erasing one conversation from the audit trail touched: its turn records and audit events
 * whose personal text was replaced (counts, timings, ids stay). Rows already redacted are not
 * counted again.
 */
public record SessionErasure(UUID sessionId, int turnRecords, int auditEvents, Instant redactedAt) {
}
