package dev.agentry.config.agent;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An agent's model configuration (agentic spec): provider, model name (production-stores'
 * {@code default_model}), temperature 0.0 to 2.0 and a positive {@code max_tokens}.
 */
public record ModelSettings(
        @Size(max = 50) @Pattern(regexp = "^[a-z0-9][a-z0-9_.-]*$", message = "must be a lower-case provider id") String provider,
        @Size(min = 1, max = 100) String name,
        @DecimalMin(value = "0.0", message = "must be between 0.0 and 2.0") @DecimalMax(value = "2.0", message = "must be between 0.0 and 2.0") Double temperature,
        @Positive @Max(10_000_000) Integer maxTokens) {
}
