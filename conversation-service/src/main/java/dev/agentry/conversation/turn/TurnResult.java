package dev.agentry.conversation.turn;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to a turn: the response and where it came from ({@code rule}: the best matched rule's
 * action; {@code fallback}: nothing matched), the session's new version and place in its scenario,
 * the dependencies that could not be used ({@code degraded}: {@code profile}, {@code rules},
 * {@code scenarios}, {@code memory}), and the decision summary stored with {@code decision_id}.
 */
public record TurnResult(
        UUID sessionId,
        UUID decisionId,
        String response,
        String responseSource,
        long sessionVersion,
        UUID customerProfileId,
        UUID activeScenarioId,
        String currentStepId,
        List<String> degraded,
        Map<String, Object> decision) {
}
