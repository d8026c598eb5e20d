package dev.agentry.config.agenttool;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A tool linked to an agent (multi-agent's agent_tools and production-stores' tool_activations in
 * one): its priority (lower first), whether it is active for the agent, and policy overrides.
 */
public record AgentTool(UUID agentId, UUID toolId, String toolName, String baseToolType, int priority, boolean enabled,
        Map<String, Object> policyOverrides, Instant createdAt, Instant updatedAt) {
}
