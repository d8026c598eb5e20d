package dev.agentry.conversation.turn;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/sessions/{id}/turns}: what the customer said. */
public record TurnRequest(@NotBlank @Size(max = 8000) String message) {
}
