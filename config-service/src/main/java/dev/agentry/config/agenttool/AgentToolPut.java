package dev.agentry.config.agenttool;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** The body of {@code PUT /v1/agents/{agent_id}/tools/{tool_id}}: link or relink (enabled defaults to true). */
public record AgentToolPut(@NotNull @Min(0) @Max(1_000_000) Integer priority, Boolean enabled, Map<String, Object> policyOverrides) {
}
