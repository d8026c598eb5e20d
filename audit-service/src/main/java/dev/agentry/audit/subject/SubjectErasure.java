package dev.agentry.audit.subject;

import java.time.Instant;
import java.util.UUID;

/**
 * What erasing one person from the audit trail touched: rows whose personal text was replaced
 * (counts, timings, ids and hashes stay; audit_logs keep their content_hash, so the chain still
 * verifies). Rows already redacted are not counted again.
 */
public record SubjectErasure(UUID profileId, int turnRecords, int auditEvents, int auditLogs, Instant redactedAt) {
}
