package dev.agentry.conversation.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A message to append. {@code metadata} holds what the seeds keep there (intent, agent used,
 * extracted entities, ...); token counts, model, tool calls and results and latency have columns.
 */
public record MessageCreate(
        @NotNull MessageRole role,
        @NotNull @Size(max = 100000) String content,
        Map<String, Object> metadata,
        Map<String, Object> uiMetadata,
        @Size(max = 255) String model,
        @PositiveOrZero Integer inputTokens,
        @PositiveOrZero Integer outputTokens,
        List<Object> toolCalls,
        List<Object> toolResults,
        @PositiveOrZero Integer latencyMs) {
}
