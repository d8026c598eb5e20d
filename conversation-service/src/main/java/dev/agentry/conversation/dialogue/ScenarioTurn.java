package dev.agentry.conversation.dialogue;

import dev.agentry.conversation.dependency.ScenarioHit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a turn leaves the session in its scenario: the scenario, version and step after the turn
 * ({@code scenarioId} null: in none), the step's definition when config-service could be read, the
 * scenario entered or the move made (from, to, why), and whether reading the version failed.
 *
 * @param movedIn the scenario (and {@code movedInVersion} its version) the move happened in
 * @param from the step the session was in when the turn began (null: in no scenario), {@code fromStep} its definition
 */
public record ScenarioTurn(UUID scenarioId, Integer version, String stepId, Optional<ScenarioDefinition.Step> step,
        Optional<ScenarioHit> entered, UUID movedIn, Integer movedInVersion, String from, Optional<String> why, boolean degraded,
        Optional<ScenarioDefinition.Step> fromStep, LiveMigrations.Outcome migration) {

    public ScenarioTurn(UUID scenarioId, Integer version, String stepId, Optional<ScenarioDefinition.Step> step,
            Optional<ScenarioHit> entered, UUID movedIn, Integer movedInVersion, String from, Optional<String> why, boolean degraded,
            Optional<ScenarioDefinition.Step> fromStep) {
        this(scenarioId, version, stepId, step, entered, movedIn, movedInVersion, from, why, degraded, fromStep, null);
    }

    public static ScenarioTurn none() {
        return new ScenarioTurn(null, null, null, Optional.empty(), Optional.empty(), null, null, null, Optional.empty(), false,
                Optional.empty());
    }

    /** The same after a live-session migration at the turn's start (its failure to ask degrades the step too). */
    ScenarioTurn after(LiveMigrations.Outcome applied) {
        return new ScenarioTurn(scenarioId, version, stepId, step, entered, movedIn, movedInVersion, from, why,
                degraded || applied.degraded(), fromStep, applied.applied() ? applied : null);
    }

    /** The migration record for {@code pending_migration} and the decision, when a plan applied this turn. */
    public Map<String, Object> migrationRecord() {
        return migration == null ? null : migration.record();
    }

    /** Whether a plan asked to drop the session's variables. */
    public boolean clearsVariables() {
        return migration != null && migration.clearVariables();
    }


    /** Whether the turn changed the session's scenario, version or step (entered, migrated, moved or left). */
    public boolean moved() {
        return why.isPresent() || migration != null;
    }

    /** The step's instructions for the LLM's prompt, when there are any. */
    public Optional<String> instructions() {
        return step.map(ScenarioDefinition.Step::instructions).filter(text -> !text.isBlank());
    }

    /** The move for the decision event: {@code {scenario_id, version, from, to, why}}, or null when the step stayed. */
    public Map<String, Object> decision() {
        if (why.isEmpty()) {
            return null;
        }
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("scenario_id", movedIn == null ? null : movedIn.toString());
        move.put("version", movedInVersion);
        move.put("from", from);
        move.put("to", stepId);
        move.put("why", why.get());
        return move;
    }
}
