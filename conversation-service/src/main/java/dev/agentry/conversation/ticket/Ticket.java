package dev.agentry.conversation.ticket;

import dev.agentry.conversation.support.EscalationReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A support ticket. {@code assigned_to} and {@code created_by} are users of config-service;
 * {@code session_id} is the conversation a chat ticket came from; {@code escalation} says why the
 * ticket last escalated (null if it never did); {@code message_count} is the number of its messages.
 */
public record Ticket(UUID id, String title, String description, TicketStatus status, TicketPriority priority, TicketSource source,
        UUID sessionId, UUID assignedTo, UUID createdBy, Map<String, Object> metadata, Escalation escalation, long messageCount,
        Instant createdAt, Instant updatedAt) {

    /** The last escalation: every trigger that fired, and when. */
    public record Escalation(List<EscalationReason> reasons, Instant at) {
    }
}
