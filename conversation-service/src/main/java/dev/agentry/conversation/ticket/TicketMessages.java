package dev.agentry.conversation.ticket;

import java.util.Map;

/** How a ticket message travels to an external tracker. */
final class TicketMessages {

    private TicketMessages() {
    }

    /** The outbox payload of a message: who wrote it and what, nothing of its metadata (chunks, scores stay here). */
    static Map<String, Object> syncPayload(TicketMessage message) {
        return Map.of("role", message.role().name().toLowerCase(java.util.Locale.ROOT), "content", message.content(),
                "sequence_number", message.sequenceNumber());
    }
}
