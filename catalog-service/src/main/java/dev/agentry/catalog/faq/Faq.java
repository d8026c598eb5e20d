package dev.agentry.catalog.faq;

import java.time.Instant;
import java.util.UUID;

/**
 * An FAQ entry as answered. {@code bot_id} null: the tenant's bot-less FAQ, searched for every bot.
 * {@code embedding_model} is the model its question was embedded with.
 */
public record Faq(UUID id, UUID botId, UUID domainId, UUID offeringId, String question, String answer, String category, int priority,
        boolean active, String embeddingModel, Instant createdAt, Instant updatedAt) {
}
