package dev.agentry.profile.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an erasure removed: the survivor and every profile merged into it, with the counts of their
 * identities, field values (history included) and assets. Nothing of the person is kept.
 */
public record ErasureReceipt(
        UUID requestedId,
        List<UUID> erasedProfileIds,
        int identities,
        int fieldValues,
        int assets,
        Instant erasedAt) {
}
