package dev.agentry.conversation.session;

import java.util.UUID;

/** What an erasure removed: sessions (with their Redis keys) and the messages they held. */
public record ErasureReceipt(UUID customerProfileId, int sessionsErased, int messagesErased) {
}
