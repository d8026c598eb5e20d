package dev.agentry.profile.asset;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Something a customer shared or owns: a document, an image, an order; by reference, with metadata. */
public record Asset(
        UUID id,
        UUID profileId,
        String assetType,
        String assetReference,
        Map<String, Object> metadata,
        Instant createdAt) {
}
