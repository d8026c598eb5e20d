package dev.agentry.conversation.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One message of a ticket, numbered from 1. An AI answer's {@code metadata} names the model (null:
 * the extractive answer), the knowledge-base chunks it used with their similarity and source, and
 * the escalation triggers that fired.
 */
public record TicketMessage(UUID id, UUID ticketId, long sequenceNumber, TicketMessageRole role, String content,
        Map<String, Object> metadata, String author, Instant createdAt) {
}
