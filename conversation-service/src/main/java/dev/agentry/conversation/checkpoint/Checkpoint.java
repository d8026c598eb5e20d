package dev.agentry.conversation.checkpoint;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A saved state of a session's thread (LangGraph's checkpoint): {@code checkpoint} is the serialised
 * state, base64 in JSON; {@code parent_id} the checkpoint it follows.
 */
public record Checkpoint(UUID sessionId, String threadId, String checkpointId, String parentId, byte[] checkpoint,
        Map<String, Object> metadata, Instant createdAt) {
}
