package dev.agentry.profile.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an erasure removed here: the survivor and every profile merged into it, with the counts of
 * their identities, field values (history included) and assets. Nothing of the person is kept.
 * {@code erasure_id} names the request at {@code GET /v1/profiles/erasures/{id}}, where the other
 * stores' receipts arrive.
 */
public record ErasureReceipt(
        UUID erasureId,
        UUID requestedId,
        List<UUID> erasedProfileIds,
        int identities,
        int fieldValues,
        int assets,
        Instant erasedAt) {
}
