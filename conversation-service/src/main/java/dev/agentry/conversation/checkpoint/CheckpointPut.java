package dev.agentry.conversation.checkpoint;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A checkpoint to save: the serialised state (base64), its parent (optional) and metadata. */
public record CheckpointPut(
        @Size(max = 255) String parentId,
        @NotNull @Size(max = 8388608) byte[] checkpoint,
        Map<String, Object> metadata) {
}
