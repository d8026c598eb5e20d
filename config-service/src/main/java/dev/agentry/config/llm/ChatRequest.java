package dev.agentry.config.llm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /v1/llm/chat-completions}: the conversation to complete, with the tenant's
 * model. {@code stream}: the answer as server-sent events, token by token (which also needs
 * {@code Accept: text/event-stream}; the header alone is enough).
 */
public record ChatRequest(
        @NotNull @NotEmpty @Size(max = 50) List<@NotNull @Valid ChatMessage> messages,
        @Min(1) @Max(8192) Integer maxTokens,
        @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
        Boolean stream) {

    public ChatRequest(List<ChatMessage> messages, Integer maxTokens, Double temperature) {
        this(messages, maxTokens, temperature, null);
    }

    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }
}
