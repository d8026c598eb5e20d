package dev.agentry.memory.knowledge.ragquery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Feedback on a knowledge search: -1 unhelpful, 0 neutral, 1 helpful, and an optional comment. Replaces earlier feedback. */
public record RagFeedback(@NotNull @Min(-1) @Max(1) Integer score, @Size(max = 2000) String comment) {
}
