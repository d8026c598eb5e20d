package dev.agentry.memory.graph;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A node of the tenant's knowledge graph: a person, a city, a product... {@code canonical_name} is
 * what deduplicates it (one entity per type and canonical name, per customer or tenant-wide).
 */
public record Entity(
        UUID id,
        UUID agentId,
        UUID customerProfileId,
        String name,
        String entityType,
        String canonicalName,
        Map<String, Object> attributes,
        Instant createdAt,
        Instant updatedAt) {
}
