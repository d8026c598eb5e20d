package dev.agentry.catalog.blueprint;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A knowledge domain as answered: e.g. {@code real_estate}, "Bất Động Sản". */
public record Domain(UUID id, String code, String name, String domainType, String description, boolean isArchived,
        Map<String, Object> flowConfig, Instant createdAt, Instant updatedAt) {
}
