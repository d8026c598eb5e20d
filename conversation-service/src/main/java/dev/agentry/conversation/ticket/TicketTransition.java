package dev.agentry.conversation.ticket;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/tickets/{ticketId}/transitions}: where to, and why (kept in the history). */
public record TicketTransition(@NotNull TicketStatus to, @Size(max = 2000) String reason) {
}
