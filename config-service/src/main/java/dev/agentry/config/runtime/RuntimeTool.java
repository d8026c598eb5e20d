package dev.agentry.config.runtime;

import java.util.Map;
import java.util.UUID;

/** A tool as the runtime needs it for a turn: what to call, how, and with which input schema. */
public record RuntimeTool(UUID toolId, String name, String baseToolType, int priority, Map<String, Object> policyOverrides,
        Map<String, Object> config, Map<String, Object> inputSchema, UUID outputFormatId, String description) {
}
