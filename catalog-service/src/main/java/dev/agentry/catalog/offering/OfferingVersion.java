package dev.agentry.catalog.offering;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One version of an offering: a draft, the active one, or an archived one. */
public record OfferingVersion(UUID id, UUID offeringId, int version, String name, String description, String status,
        Map<String, Object> attributes, String embeddingModel, Instant publishedAt, Instant archivedAt, Instant createdAt,
        Instant updatedAt) {

    public static final String DRAFT = "draft";
    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";
}
