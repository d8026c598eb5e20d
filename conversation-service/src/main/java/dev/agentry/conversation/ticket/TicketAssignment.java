package dev.agentry.conversation.ticket;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The body of {@code PUT /v1/tickets/{ticketId}/assignee}: a user of the tenant in config-service. */
public record TicketAssignment(@NotNull UUID userId) {
}
