package dev.agentry.audit.ingest;

/** What a batch did: records received, rows newly stored, records that were already stored (same id and time). */
public record IngestResult(int accepted, int inserted, int duplicates) {
}
