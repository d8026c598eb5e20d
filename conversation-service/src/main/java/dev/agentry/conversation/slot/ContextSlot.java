package dev.agentry.conversation.slot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A value extracted from the conversation (a colour, a budget, a city), live until {@code expires_at}. */
public record ContextSlot(UUID id, UUID sessionId, String slotKey, String slotValue, BigDecimal confidence,
        UUID extractedFromMessageId, Instant expiresAt, Instant createdAt, Instant updatedAt) {
}
