package dev.agentry.catalog.inventory;

import java.time.Instant;
import java.util.UUID;

/** An inventory location as answered. */
public record Location(UUID id, String code, String name, String type, Instant createdAt) {
}
