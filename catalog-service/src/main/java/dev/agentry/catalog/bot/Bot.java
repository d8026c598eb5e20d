package dev.agentry.catalog.bot;

import java.time.Instant;
import java.util.UUID;

/**
 * A bot as answered: the config-service agent it fronts ({@code agent_id}), its status, and the
 * number and id of its active version, if any.
 */
public record Bot(UUID id, String code, String name, UUID domainId, UUID agentId, String status, UUID activeVersionId,
        Integer activeVersion, Instant createdAt, Instant updatedAt) {
}
