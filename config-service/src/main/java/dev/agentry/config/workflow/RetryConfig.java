package dev.agentry.config.workflow;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How a failed step is retried: attempts in all (1 = no retry) and the pause before each retry. */
public record RetryConfig(@Min(1) @Max(20) Integer maxAttempts, @Min(0) @Max(3_600) Integer backoffSeconds) {
}
