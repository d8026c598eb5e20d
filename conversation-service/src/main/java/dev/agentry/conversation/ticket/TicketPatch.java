package dev.agentry.conversation.ticket;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code PATCH /v1/tickets/{ticketId}}: what is sent changes, the rest stays. Status
 * moves go through {@code /transitions}, the assignee through {@code /assignee}.
 */
public record TicketPatch(
        @Size(max = 255) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
        @Size(max = 20000) String description,
        TicketPriority priority,
        @Size(max = 50) Map<String, Object> metadata) {
}
