package dev.agentry.catalog.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import job as answered. {@code status}: {@code pending} (waiting for a replica),
 * {@code processing}, {@code completed} (every record processed; rows in {@code errors} were not
 * imported, or only partly: see docs), {@code cancelled}, {@code failed} (the job itself could not
 * run). {@code records_processed} of {@code records_total} rows are done. {@code source_type}
 * {@code file_upload} or {@code url} (then {@code source_url}: fetched when the job was made).
 */
public record ImportJob(UUID id, String kind, String format, String sourceType, String sourceUrl, String status, Integer recordsTotal,
        int recordsProcessed, int errorCount, List<ImportRowError> errors, Instant createdAt, Instant updatedAt, Instant startedAt,
        Instant finishedAt) {
}
