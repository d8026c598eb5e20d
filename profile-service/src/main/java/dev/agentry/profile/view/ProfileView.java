package dev.agentry.profile.view;

import dev.agentry.profile.fieldvalue.CurrentField;
import dev.agentry.profile.identity.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole profile: its identities, each field's current value with the reason it won, and the
 * ids merged into it. {@code resolvedFrom} is the id that was asked for when it was a merged
 * profile's (the answer is then its survivor). {@code moreIdentities} says that the inline list
 * was cut; {@code GET /v1/profiles/{id}/identities} pages through all of them.
 */
public record ProfileView(
        UUID id,
        String externalId,
        Instant createdAt,
        Instant updatedAt,
        UUID resolvedFrom,
        List<Identity> identities,
        boolean moreIdentities,
        Map<String, CurrentField> fields,
        List<UUID> mergedFrom) {
}
