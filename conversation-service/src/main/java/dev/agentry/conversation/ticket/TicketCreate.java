package dev.agentry.conversation.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /v1/tickets}. {@code priority} defaults to medium; {@code session_id}
 * (a session of the tenant) is the conversation the ticket came from; {@code assigned_to} must be a
 * user of the tenant in config-service.
 */
public record TicketCreate(
        @NotBlank @Size(max = 255) String title,
        @Size(max = 20000) String description,
        TicketPriority priority,
        TicketSource source,
        UUID sessionId,
        UUID assignedTo,
        @Size(max = 50) Map<String, Object> metadata) {
}
