package dev.agentry.config.runtime;

import dev.agentry.config.agent.Agent;
import dev.agentry.config.llm.TenantLlmConfig;
import dev.agentry.config.outputformat.OutputFormat;
import dev.agentry.config.template.Template;
import dev.agentry.config.variable.Variable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything conversation-service needs for a turn of one agent, in one answer: the agent, the ids
 * of its enabled rules (matching itself is {@code POST /v1/agents/{id}/rules/match}), its enabled
 * scenarios at their current versions, templates, variables, its permitted and active tools by
 * priority, the effective output format (the tenant's override, else the agent's default) and the
 * tenant's LLM config without its key. {@code generation} names the configuration state it was
 * built from.
 */
public record RuntimeConfig(
        Agent agent,
        List<UUID> ruleIds,
        boolean ruleIdsTruncated,
        List<RuntimeScenario> scenarios,
        List<Template> templates,
        List<Variable> variables,
        List<RuntimeTool> tools,
        OutputFormat outputFormat,
        TenantLlmConfig llmConfig,
        String generation,
        Instant builtAt) {
}
