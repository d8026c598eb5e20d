package dev.agentry.profile.erasure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An erasure as stored, before its receipts are read. */
public record ErasureRow(UUID id, UUID requestedProfileId, List<UUID> erasedProfileIds, Erasure.Counts counts, String requestedBy,
        List<String> expectedStores, Instant requestedAt, Instant announcedAt, int announceCount, Instant completedAt) {
}
