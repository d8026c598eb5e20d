package dev.agentry.audit.sync;

import java.time.Instant;
import java.util.UUID;

/** One state of an integration sync run (insert per state: the run's latest row is its current state). */
public record SyncLog(
        UUID id,
        UUID syncRunId,
        String system,
        String direction,
        String status,
        int recordsProcessed,
        String errorMessage,
        Instant startedAt,
        Instant completedAt,
        Object metadataJson,
        Instant recordedAt) {
}
