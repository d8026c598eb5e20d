package dev.agentry.conversation.sync;

import java.util.Map;
import java.util.UUID;

/**
 * One change waiting to go out to an external tracker: {@code kind} is {@code create} (the external
 * ticket), {@code status} (a move, {@code payload.status}) or {@code comment} ({@code payload.content},
 * {@code payload.role}); {@code attempts} counts the failed pushes so far.
 */
public record OutboxEntry(UUID id, UUID ticketId, String system, String kind, Map<String, Object> payload, int attempts) {
}
