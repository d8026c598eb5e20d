package dev.agentry.catalog.cache;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A semantic-cache entry as answered: the {@code question} whose embedding it is found by, the
 * {@code answer} served, its scope ({@code bot_version_id}, null for an answer of no bot, and
 * {@code language}), what it was built from ({@code source_faq_ids}, {@code source_offering_ids}:
 * a change of any of them, or of the bot version, deletes it), {@code expires_at} (never served
 * after), and its hits: {@code hit_count} and {@code last_hit_at} include the hits counted in memory
 * and not yet written.
 */
public record SemanticCacheEntry(UUID id, String question, String answer, UUID botVersionId, String language, String embeddingModel,
        List<UUID> sourceFaqIds, List<UUID> sourceOfferingIds, Instant expiresAt, long hitCount, Instant lastHitAt,
        Instant createdAt) {

    SemanticCacheEntry withHits(long count, Instant last) {
        return new SemanticCacheEntry(id, question, answer, botVersionId, language, embeddingModel, sourceFaqIds, sourceOfferingIds,
                expiresAt, count, last, createdAt);
    }
}
