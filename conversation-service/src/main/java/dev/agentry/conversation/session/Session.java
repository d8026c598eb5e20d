package dev.agentry.conversation.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The session document: the body of {@code session:hot:<id>} and {@code session:persist:<id>} and of
 * the API's answers. Every field of the seed's "Session JSON Structure"
 * (production-stores-data-model.md), present even when null, plus {@code version} (optimistic
 * concurrency: every write adds one, compare-and-set on it), {@code ended_at} and {@code thread_id}.
 * {@code current_step_id} is a string: config-service's step ids are not UUIDs. {@code bot_id} and
 * {@code bot_version_id} (runtime_session's) name catalog-service's bot fronting the agent and the
 * version that answered the last turn (null until a bot answers); each turn's own version is also on
 * its decision event.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "session_id", "tenant_id", "agent_id", "bot_id", "bot_version_id", "customer_profile_id", "channel", "user_channel_id", "status",
        "variables", "active_scenario_id", "active_scenario_version", "current_step_id", "step_history",
        "pending_migration", "created_at", "last_activity_at", "ended_at", "thread_id", "version" })
public record Session(UUID sessionId, UUID tenantId, UUID agentId, UUID botId, UUID botVersionId, UUID customerProfileId, String channel,
        String userChannelId, SessionStatus status, Map<String, Object> variables, UUID activeScenarioId,
        Integer activeScenarioVersion, String currentStepId, List<Object> stepHistory, Object pendingMigration,
        Instant createdAt, Instant lastActivityAt, Instant endedAt, String threadId, long version) {

    public Session {
        variables = variables == null ? Map.of() : variables;
        stepHistory = stepHistory == null ? List.of() : stepHistory;
    }

    /** The seed's LangGraph thread id pattern (multi-agent-config-schema.md, "sessions"). */
    public static String threadId(UUID tenantId, String userChannelId, UUID sessionId) {
        return "tenant_" + tenantId + "__user_" + userChannelId + "__session_" + sessionId;
    }

    @JsonIgnore
    public boolean isLive() {
        return !status.isTerminal();
    }

    /** The next version of this document: the changes applied, version plus one, activity now. */
    public Session next(Map<String, Object> newVariables, SessionStatus newStatus, Instant now, Instant newEndedAt) {
        return new Session(sessionId, tenantId, agentId, botId, botVersionId, customerProfileId, channel, userChannelId, newStatus,
                newVariables, activeScenarioId, activeScenarioVersion, currentStepId, stepHistory, pendingMigration,
                createdAt, now, newEndedAt, threadId, version + 1);
    }

    /** The same document with other variables, at the same version (a turn's change, written with {@link #afterTurn}). */
    public Session withVariables(Map<String, Object> newVariables) {
        return new Session(sessionId, tenantId, agentId, botId, botVersionId, customerProfileId, channel, userChannelId, status,
                newVariables, activeScenarioId, activeScenarioVersion, currentStepId, stepHistory, pendingMigration, createdAt,
                lastActivityAt, endedAt, threadId, version);
    }

    /** The same document with a live-session migration's record in {@code pending_migration}, at the same version. */
    public Session withPendingMigration(Object migration) {
        return new Session(sessionId, tenantId, agentId, botId, botVersionId, customerProfileId, channel, userChannelId, status,
                variables, activeScenarioId, activeScenarioVersion, currentStepId, stepHistory, migration, createdAt,
                lastActivityAt, endedAt, threadId, version);
    }

    /** The same document following a profile merge: another customer profile, version plus one. */
    public Session withCustomer(UUID profileId, Instant now) {
        return new Session(sessionId, tenantId, agentId, botId, botVersionId, profileId, channel, userChannelId, status, variables,
                activeScenarioId, activeScenarioVersion, currentStepId, stepHistory, pendingMigration, createdAt, now,
                endedAt, threadId, version + 1);
    }

    /**
     * The document after a turn: the customer it resolved to, the bot version that answered (kept
     * when the turn had none: catalog-service was down or the agent has no bot), the scenario and
     * step it is in (a new step goes to {@code step_history}), version plus one.
     */
    public Session afterTurn(UUID profileId, UUID answeringBotId, UUID answeringBotVersionId, UUID scenarioId,
            Integer scenarioVersion, String stepId, Instant now) {
        List<Object> history = stepHistory;
        // A new step, or the same step id on another scenario or version (a migration), goes to the history.
        if (stepId != null && (!stepId.equals(currentStepId) || !java.util.Objects.equals(scenarioId, activeScenarioId)
                || !java.util.Objects.equals(scenarioVersion, activeScenarioVersion))) {
            history = new java.util.ArrayList<>(stepHistory);
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("scenario_id", scenarioId == null ? null : scenarioId.toString());
            entry.put("scenario_version", scenarioVersion);
            entry.put("step_id", stepId);
            entry.put("entered_at", now.toString());
            history.add(entry);
        }
        UUID bot = answeringBotVersionId == null ? botId : answeringBotId;
        UUID botVersion = answeringBotVersionId == null ? botVersionId : answeringBotVersionId;
        return new Session(sessionId, tenantId, agentId, bot, botVersion, profileId, channel, userChannelId, status, variables,
                scenarioId, scenarioVersion, stepId, history, pendingMigration, createdAt, now, endedAt, threadId, version + 1);
    }
}
