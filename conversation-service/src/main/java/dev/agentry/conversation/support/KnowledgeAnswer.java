package dev.agentry.conversation.support;

import dev.agentry.conversation.dependency.ConfigClient;
import dev.agentry.conversation.dependency.KnowledgeHit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the knowledge base gave for a ticket or a customer message: the assistant's answer (null
 * when the tenant has no knowledge base, or auto-answer is off, or memory-service could not be
 * asked), the chunks it used (or searched) with their similarity, the best similarity, whether that
 * is under the tenant's threshold (an escalation trigger), the tenant's LLM completion when it wrote
 * the answer, and what could not be asked ({@code degraded}: {@code memory}, {@code llm}; never a
 * trigger, an outage is not the customer's problem).
 */
public record KnowledgeAnswer(String content, List<KnowledgeHit> hits, Double bestSimilarity, boolean belowThreshold,
        ConfigClient.Completion completion, List<String> degraded) {

    /** Nothing searched: no knowledge base, or answering is off. */
    public static KnowledgeAnswer none() {
        return new KnowledgeAnswer(null, List.of(), null, false, null, List.of());
    }

    /** The search could not be made. */
    public static KnowledgeAnswer unavailable() {
        return new KnowledgeAnswer(null, List.of(), null, false, null, List.of("memory"));
    }

    /** The same chunks answered by the tenant's LLM. */
    KnowledgeAnswer byLlm(ConfigClient.Completion llm) {
        return new KnowledgeAnswer(llm.content(), hits, bestSimilarity, belowThreshold, llm, degraded);
    }

    /** The quoted answer stands because the LLM could not write one. */
    KnowledgeAnswer llmDown() {
        List<String> more = new ArrayList<>(degraded);
        more.add("llm");
        return new KnowledgeAnswer(content, hits, bestSimilarity, belowThreshold, null, List.copyOf(more));
    }

    /** The answer's metadata as stored on the assistant message: each chunk with its similarity and source. */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answer_mode", completion == null ? "extractive" : "llm");
        m.put("model", completion == null ? null : completion.model());
        if (completion != null) {
            m.put("input_tokens", completion.inputTokens());
            m.put("output_tokens", completion.outputTokens());
        }
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
