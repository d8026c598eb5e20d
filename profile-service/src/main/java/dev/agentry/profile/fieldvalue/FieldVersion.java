package dev.agentry.profile.fieldvalue;

import java.time.Instant;
import java.util.UUID;

/**
 * One recorded value of a field, current or past: a field's history is the list of these. A value
 * is valid from {@code valid_from} until {@code valid_to} (open when null); a newer value from the
 * same source closes it. {@code recorded_by} is the token subject that wrote it.
 */
public record FieldVersion(
        UUID id,
        String name,
        String value,
        FieldSource source,
        double confidence,
        boolean verified,
        Instant validFrom,
        Instant validTo,
        String recordedBy) {
}
