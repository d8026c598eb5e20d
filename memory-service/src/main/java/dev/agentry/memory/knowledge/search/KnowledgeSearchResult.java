package dev.agentry.memory.knowledge.search;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.memory.knowledge.chunk.ChunkHit;
import java.util.List;
import java.util.UUID;

/**
 * The answer of a knowledge search; {@code query_id} names its entry in the query log
 * ({@code /v1/rag-queries/{id}}), where feedback can be attached.
 */
public record KnowledgeSearchResult(UUID queryId, SearchMode mode, SearchStrategy strategy, String embeddingModel,
        double latencyMs, List<ChunkHit> items) {
}
