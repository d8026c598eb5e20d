package dev.agentry.conversation.support;

import dev.agentry.conversation.dependency.KnowledgeHit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the knowledge base gave for a ticket or a customer message: the assistant's answer (null
 * when the tenant has no knowledge base, or auto-answer is off, or memory-service could not be
 * asked), the chunks it searched with their similarity, the best similarity, and whether that is
 * under the tenant's threshold (an escalation trigger) or the search could not be made
 * ({@code degraded}: never a trigger; a knowledge base that is down is not the customer's problem).
 */
public record KnowledgeAnswer(String content, List<KnowledgeHit> hits, Double bestSimilarity, boolean belowThreshold,
        boolean degraded) {

    /** Nothing searched: no knowledge base, or answering is off. */
    public static KnowledgeAnswer none() {
        return new KnowledgeAnswer(null, List.of(), null, false, false);
    }

    /** The search could not be made. */
    public static KnowledgeAnswer unavailable() {
        return new KnowledgeAnswer(null, List.of(), null, false, true);
    }

    /** The answer's metadata as stored on the assistant message: each chunk with its similarity and source. */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answer_mode", "extractive");
        m.put("model", null);
        m.put("best_similarity", bestSimilarity);
        m.put("kb_chunks", hits.stream().map(h -> {
            Map<String, Object> chunk = new LinkedHashMap<>();
            chunk.put("chunk_id", h.chunkId().toString());
            chunk.put("similarity", h.similarity());
            chunk.put("title", h.title());
            chunk.put("page", h.page());
            chunk.put("heading", h.heading());
            return chunk;
        }).toList());
        return m;
    }
}
