package dev.agentry.profile.base;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code customer_profiles}, tombstones included ({@code mergedIntoId} set). */
public record ProfileRow(UUID id, String externalId, UUID mergedIntoId, Instant mergedAt, Instant createdAt,
        Instant updatedAt) {

    public boolean isTombstone() {
        return mergedIntoId != null;
    }

    public Profile toProfile() {
        return new Profile(id, externalId, createdAt, updatedAt);
    }
}
