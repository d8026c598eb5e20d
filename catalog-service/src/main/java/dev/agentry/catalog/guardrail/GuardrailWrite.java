package dev.agentry.catalog.guardrail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/guardrails} and {@code PUT /v1/guardrails/{id}} (a full
 * replacement). {@code condition_expression} is a CEL expression yielding a bool, compiled and
 * type-checked here; {@code violation_action} is {@code block} (the answer is replaced by
 * {@code fallback_message}; evaluation stops), {@code warn} (flagged, passed) or {@code redact}
 * (the spans of the detectors the condition names are replaced; it must name at least one).
 * Higher {@code priority} runs first (default 0); {@code active} defaults to true.
 */
public record GuardrailWrite(
        @NotBlank @Size(max = 100) String code,
        @Size(max = 200) String name,
        @NotBlank @Size(max = GuardrailCompiler.MAX_EXPRESSION) String conditionExpression,
        @NotNull @Pattern(regexp = "^(block|warn|redact)$", message = "must be block, warn or redact") String violationAction,
        @Size(max = 4000) String fallbackMessage,
        Integer priority,
        Boolean active) {
}
