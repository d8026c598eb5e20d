package dev.agentry.conversation.dialogue;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The parts of config-service's runtime config ({@code GET /v1/agents/{id}/runtime-config}) the
 * turn's dialogue uses: the agent's templates and variables, its enabled scenarios' current versions
 * (a session behind one asks for a migration plan), and the configuration generation they were built from.
 */
public record AgentRuntime(String generation, List<ResponseTemplate> templates, List<AgentVariable> variables,
        java.util.Map<UUID, Integer> scenarioVersions) {

    /** The scenario's current version, when the agent has it enabled. */
    public java.util.Optional<Integer> currentVersion(UUID scenarioId) {
        return java.util.Optional.ofNullable(scenarioVersions.get(scenarioId));
    }

    /** How the runtime uses a template (config-service's {@code TemplateMode}). */
    public enum TemplateMode {
        EXCLUSIVE, SUGGEST, FALLBACK;

        static TemplateMode of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** How a new value combines with a variable's current one (config-service's {@code UpdatePolicy}). */
    public enum UpdatePolicy {
        REPLACE, APPEND, MERGE;

        static UpdatePolicy of(String wire) {
            return wire == null ? REPLACE : valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * A response template: {@code scope} is {@code global}, {@code scenario} ({@code scopeId} the
     * scenario) or {@code step} (also {@code scopeStepId}).
     */
    public record ResponseTemplate(UUID id, String name, String content, TemplateMode mode, String scope, UUID scopeId,
            String scopeStepId) {
    }

    /** A variable of the agent: its default (any JSON value, or null) and update policy. */
    public record AgentVariable(String name, Object defaultValue, UpdatePolicy policy) {
    }
}
