package dev.agentry.catalog.pricing;

import java.time.Instant;
import java.util.UUID;

/** A sales channel as answered. */
public record Channel(UUID id, String code, String name, boolean isActive, Instant createdAt) {
}
