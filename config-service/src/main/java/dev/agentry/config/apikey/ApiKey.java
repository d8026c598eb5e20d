package dev.agentry.config.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An API key as the API shows it: never its secret, which is shown once at creation. */
public record ApiKey(
        UUID id,
        String name,
        String keyPrefix,
        List<String> scopes,
        ApiKeyStatus status,
        UUID userId,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String createdBy,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt) {
}
