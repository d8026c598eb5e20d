package dev.agentry.config.variable;

import java.time.Instant;
import java.util.UUID;

/** A variable of an agent: its default (any JSON value), its update policy and the tool that resolves it. */
public record Variable(UUID id, UUID agentId, String name, String description, Object defaultValue, UpdatePolicy updatePolicy,
        String resolverToolId, Instant createdAt, Instant updatedAt) {
}
