package dev.agentry.conversation.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One message (turn) of a session, numbered in order from 1. */
public record Message(UUID id, UUID sessionId, long sequenceNumber, MessageRole role, String content,
        Map<String, Object> metadata, Map<String, Object> uiMetadata, String model, Integer inputTokens,
        Integer outputTokens, List<Object> toolCalls, List<Object> toolResults, Integer latencyMs, Instant createdAt) {
}
