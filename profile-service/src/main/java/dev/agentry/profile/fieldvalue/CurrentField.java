package dev.agentry.profile.fieldvalue;

import java.time.Instant;

/**
 * A field's current value in a profile view, with why it won ({@code reason}, see
 * {@link FieldPrecedence}) and how many currently valid values competed ({@code candidates}).
 */
public record CurrentField(
        String value,
        FieldSource source,
        double confidence,
        boolean verified,
        Instant validFrom,
        Instant validTo,
        String recordedBy,
        String reason,
        int candidates) {
}
