package dev.agentry.conversation.dialogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One version of a scenario as config-service wrote it ({@code GET /v1/scenarios/{id}/versions/{n}}):
 * its steps by id. A written version never changes, so it is cached as read ({@link ScenarioVersions}).
 */
public record ScenarioDefinition(UUID scenarioId, int version, String entryStepId, Map<String, Step> steps) {

    /** A step: what the agent is told to do in it, and its ways out, in the author's order. */
    public record Step(String id, String name, String instructions, Map<String, Object> metadata, List<Transition> transitions) {

        /** A step without transitions ends the scenario. */
        public boolean terminal() {
            return transitions.isEmpty();
        }

        /** What the deterministic responder says in this step: {@code metadata.response}, else the instructions. */
        public Optional<String> response() {
            if (metadata.get("response") instanceof String text && !text.isBlank()) {
                return Optional.of(text);
            }
            return Optional.ofNullable(instructions).filter(text -> !text.isBlank());
        }
    }

    /** A way to another step of the same version, when {@code condition} holds ({@link TransitionConditions}). */
    public record Transition(String to, String condition) {
    }

    public Optional<Step> step(String id) {
        return Optional.ofNullable(id == null ? null : steps.get(id));
    }
}
