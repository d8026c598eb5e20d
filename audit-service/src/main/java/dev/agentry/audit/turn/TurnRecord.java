package dev.agentry.audit.turn;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One turn_records row as the API shows it. */
public record TurnRecord(
        UUID id,
        UUID sessionId,
        int turnNumber,
        String userMessage,
        String assistantResponse,
        Object contextExtracted,
        Object rulesMatched,
        Object scenarioState,
        Object toolsExecuted,
        Object tokenUsage,
        Integer latencyMs,
        UUID agentId,
        UUID profileId,
        String traceId,
        String model,
        BigDecimal costUsd,
        Instant createdAt,
        Instant recordedAt,
        Instant redactedAt) {
}
