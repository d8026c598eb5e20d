package dev.agentry.config.scenario;

import jakarta.validation.constraints.Size;

/** A way out of a step: to another step of the same scenario, when {@code condition} (free text for the runtime) holds. */
public record StepTransition(@Size(max = 64) String to, @Size(max = 2_000) String condition) {
}
