package dev.agentry.catalog.guardrail;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code POST /v1/guardrails/evaluate}: the text and what the conditions may read
 * about it. {@code direction} is {@code input} (the user's message) or {@code output} (the bot's
 * answer).
 */
public record GuardrailEvaluate(
        @NotNull @Size(max = 20000) String message,
        @NotNull @Pattern(regexp = "^(input|output)$", message = "must be input or output") String direction,
        @Size(max = 100) String channel,
        Map<String, Object> sessionVariables,
        Map<String, Object> profileFields) {
}
