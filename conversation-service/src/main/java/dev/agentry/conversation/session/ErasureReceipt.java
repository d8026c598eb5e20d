package dev.agentry.conversation.session;

import java.util.UUID;

/**
 * What an erasure removed: sessions (with their Redis keys) and the messages they held; and the
 * tickets that came from those sessions, kept with their personal text replaced, and their messages
 * so redacted.
 */
public record ErasureReceipt(UUID customerProfileId, int sessionsErased, int messagesErased, int ticketsRedacted,
        int ticketMessagesRedacted) {
}
