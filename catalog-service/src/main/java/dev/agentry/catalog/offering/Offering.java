package dev.agentry.catalog.offering;

import java.time.Instant;
import java.util.UUID;

/** An offering as answered; {@code active_version} is the number of its active version, if any. */
public record Offering(UUID id, UUID domainId, UUID botId, String offeringType, String code, String identityKey,
        String status, Integer activeVersion, String activeName, Instant createdAt, Instant updatedAt) {
}
