package dev.agentry.conversation.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's support desk: which memory-service collection is its knowledge base, the least
 * {@code vector_similarity} a chunk needs to answer (below it the ticket escalates), how many
 * chunks an answer quotes, whether tickets are answered at all (and by the tenant's LLM, when it has one), what escalates (keywords, a
 * customer asking for a person, an urgent priority), and where escalations are announced.
 * {@code updated_at} is null while the tenant runs on the defaults.
 */
public record SupportSettings(UUID kbCollectionId, double kbMinSimilarity, int answerChunks, boolean autoAnswer, boolean answerWithLlm,
        List<String> escalationKeywords, List<String> humanRequestPhrases, boolean escalateUrgent, String escalationWebhookUrl,
        Instant updatedAt) {
}
