package dev.agentry.config.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An agent as the API shows it: every field of the three seeds' agents. */
public record Agent(
        UUID id,
        String name,
        String slug,
        String description,
        String systemPrompt,
        String promptTemplate,
        ModelSettings model,
        UUID llmModelId,
        UUID defaultOutputFormatId,
        String handlerClass,
        List<String> capabilities,
        List<String> tools,
        AgentLimits limits,
        boolean memoryEnabled,
        AgentStatus status,
        String version,
        List<String> tags,
        Map<String, Object> config,
        Map<String, Object> metadata,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {
}
