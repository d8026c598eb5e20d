package dev.agentry.profile.erasure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An erasure request and how far it reached: what profile-service removed itself (counts) and each
 * expected store's receipt, or {@code pending} until it answers. {@code status} is {@code complete}
 * once every store has answered.
 */
public record Erasure(
        UUID id,
        UUID requestedProfileId,
        List<UUID> erasedProfileIds,
        Counts profile,
        String requestedBy,
        Instant requestedAt,
        Instant announcedAt,
        int announceCount,
        ErasureStatus status,
        Instant completedAt,
        List<StoreReceipt> stores) {

    /** What profile-service itself removed. */
    public record Counts(int identities, int fieldValues, int assets) {
    }
}
