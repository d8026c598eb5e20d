package dev.agentry.config.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A multi-agent workflow of the tenant. {@code agent_ids} is derived from the definition. */
public record Workflow(UUID id, String name, String slug, String description, WorkflowDefinition definition, List<UUID> agentIds,
        Integer timeoutSeconds, RetryConfig retryConfig, WorkflowStatus status, int version, List<String> tags,
        Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
}
