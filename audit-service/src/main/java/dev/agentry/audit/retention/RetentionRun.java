package dev.agentry.audit.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run of the retention job did: {@code ran} is false when another replica held the job's
 * lock (nothing done); the longest retention of any tenant seen (partitions ending before
 * {@code now - longest} were dropped), the partitions dropped, rows deleted per table by the
 * batched per-tenant deletes, and chain anchors kept by those deletes.
 */
public record RetentionRun(
        boolean ran,
        Instant startedAt,
        int tenants,
        Duration longestRetention,
        List<String> partitionsDropped,
        Map<String, Long> rowsDeleted,
        long anchors) {

    static RetentionRun skipped(Instant at) {
        return new RetentionRun(false, at, 0, null, List.of(), Map.of(), 0);
    }
}
