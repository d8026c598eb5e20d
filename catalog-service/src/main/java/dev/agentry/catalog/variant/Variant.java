package dev.agentry.catalog.variant;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A variant (SKU) of an offering, with its variant-scope attributes. */
public record Variant(UUID id, UUID offeringId, String sku, String name, String status, Map<String, Object> attributes,
        Instant createdAt) {
}
