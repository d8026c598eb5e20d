package dev.agentry.conversation.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code POST /v1/tickets/{ticketId}/messages}. A {@code user} message is the
 * customer's: it is answered from the knowledge base and checked for escalation triggers.
 */
public record TicketMessageCreate(
        @NotNull TicketMessageRole role,
        @NotBlank @Size(max = 20000) String content,
        @Size(max = 50) Map<String, Object> metadata) {
}
