package dev.agentry.catalog.blueprint;

import java.time.Instant;
import java.util.UUID;

/** A system capability as answered. */
public record Capability(UUID id, UUID domainId, String code, String name, String description, Instant createdAt) {
}
