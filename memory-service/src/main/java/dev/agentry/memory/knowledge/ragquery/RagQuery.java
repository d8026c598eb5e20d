package dev.agentry.memory.knowledge.ragquery;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.memory.knowledge.chunk.Chunk;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A logged knowledge search: what was asked, what came back (chunk ids and scores, best first),
 * how (mode, strategy, model), how long it took, and the feedback given on it. {@code chunks},
 * filled when one query is read, holds the result chunks as they were, archived ones included.
 */
public record RagQuery(
        UUID id,
        UUID collectionId,
        String queryText,
        SearchMode mode,
        SearchStrategy strategy,
        String embeddingModel,
        List<UUID> resultChunkIds,
        List<Double> resultScores,
        Double topScore,
        Map<String, Object> filters,
        double latencyMs,
        String askedBy,
        Integer feedbackScore,
        String feedbackComment,
        String feedbackBy,
        Instant feedbackAt,
        Instant createdAt,
        List<Chunk> chunks) {

    public RagQuery withChunks(List<Chunk> found) {
        return new RagQuery(id, collectionId, queryText, mode, strategy, embeddingModel, resultChunkIds, resultScores, topScore,
                filters, latencyMs, askedBy, feedbackScore, feedbackComment, feedbackBy, feedbackAt, createdAt, found);
    }
}
