package dev.agentry.conversation.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * One move of a ticket: from (null for its creation), to, who ({@code actor}, the token subject;
 * {@code actor_id} when that is a user), why, and what made it: {@code manual}, {@code created}
 * or {@code escalation} (then {@code reason} lists the triggers).
 */
public record StatusChange(UUID id, TicketStatus fromStatus, TicketStatus toStatus, String actor, UUID actorId, String reason,
        String trigger, Instant createdAt) {
}
