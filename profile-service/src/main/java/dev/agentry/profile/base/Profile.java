package dev.agentry.profile.base;

import java.time.Instant;
import java.util.UUID;

/** A live customer profile as lists, searches and resolves show it (no identities or fields). */
public record Profile(UUID id, String externalId, Instant createdAt, Instant updatedAt) {
}
