package dev.agentry.audit.stream;

import java.time.Instant;
import java.util.Map;

/**
 * A stream entry that could not be stored: its entry id on the audit stream, the entry's fields as
 * they were, why it failed, after how many attempts, and when it was set aside.
 */
public record DeadLetter(String id, String sourceEntryId, Map<String, String> entry, String error, int attempts,
        Instant failedAt) {
}
