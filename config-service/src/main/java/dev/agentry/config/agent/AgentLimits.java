package dev.agentry.config.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/** An agent's resource limits (agentic spec): how long a run may take and how many steps. */
public record AgentLimits(@Positive @Max(86_400) Integer timeoutSeconds, @Positive @Max(10_000) Integer maxIterations) {
}
