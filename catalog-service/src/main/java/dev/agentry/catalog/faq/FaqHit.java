package dev.agentry.catalog.faq;

import java.util.UUID;

/** One FAQ answer, best first: {@code vector_similarity} is the cosine similarity of its question to the query. */
public record FaqHit(UUID id, UUID botId, UUID domainId, UUID offeringId, String question, String answer, String category, int priority,
        double vectorSimilarity) {
}
