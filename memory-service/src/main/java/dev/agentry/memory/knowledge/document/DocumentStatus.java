package dev.agentry.memory.knowledge.document;

/**
 * pending (accepted, not started), processing (being chunked and embedded), indexed (searchable),
 * failed (see {@code error_message}; the previous version's chunks, if any, stay current).
 */
public enum DocumentStatus {
    PENDING, PROCESSING, INDEXED, FAILED
}
