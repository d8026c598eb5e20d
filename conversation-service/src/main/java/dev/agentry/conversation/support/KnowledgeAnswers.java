package dev.agentry.conversation.support;

import dev.agentry.conversation.dependency.CallBudget;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.dependency.ConfigClient;
import dev.agentry.conversation.dependency.KnowledgeHit;
import dev.agentry.conversation.dependency.MemoryClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Answers a customer from the tenant's knowledge base (the seed's data flow, steps 2.1 to 2.5):
 * searches the collection named in the support settings with the ticket's title and description (or
 * the new message), keeps the chunks at or above the tenant's {@code kb_min_similarity}, and writes a
 * deterministic answer that quotes the best of them with their sources; when the tenant has an LLM
 * (config-service's {@code /v1/llm/chat-completions}, its own model and key) and answers with it,
 * the LLM writes the answer from the same chunks, told to use nothing else and to cite them. A tenant
 * without an LLM keeps the quoted answer; an LLM down or slow too, and {@code llm} is named degraded.
 */
@ApplicationScoped
public class KnowledgeAnswers {

    /** Longest quote of one chunk in an answer; the rest is one click away in the source. */
    static final int QUOTE_CHARS = 600;
    static final String NOT_FOUND = "Thank you for your message. We could not find the answer in our help articles, "
            + "so a member of our support team will get back to you.";

    @Inject
    MemoryClient memory;

    @Inject
    ConfigClient config;

    @Inject
    ConversationServiceConfig service;

    static final String INSTRUCTIONS = "You are a customer support assistant. Answer the customer's question using only the "
            + "numbered help article excerpts below, citing them like [1]. If they do not answer it, say that a member of the "
            + "support team will follow up. Be brief and kind, and answer in the customer's language.";

    public Uni<KnowledgeAnswer> answer(String authorization, SupportSettings settings, String question) {
        if (settings.kbCollectionId() == null || !settings.autoAnswer()) {
            return Uni.createFrom().item(KnowledgeAnswer.none());
        }
        String query = question.length() > 2000 ? question.substring(0, 2000) : question;
        return memory.searchKnowledge(CallBudget.unbounded(), authorization, settings.kbCollectionId(), query, Math.max(5, settings.answerChunks()))
                .map(found -> found.map(hits -> compose(hits, settings)).orElseGet(KnowledgeAnswer::unavailable))
                .flatMap(kb -> kb.content() == null || kb.belowThreshold() || !settings.answerWithLlm() ? Uni.createFrom().item(kb)
                        : config.complete(CallBudget.unbounded(), authorization, prompt(kb.hits(), query), 500, service.support().llmTimeout())
                                .map(outcome -> outcome.completion() != null ? kb.byLlm(outcome.completion())
                                        : outcome.notConfigured() ? kb : kb.llmDown()));
    }

    /** The instructions, the chunks numbered with their sources, and the customer's question. */
    static JsonArray prompt(List<KnowledgeHit> hits, String question) {
        StringBuilder excerpts = new StringBuilder(INSTRUCTIONS).append("\n");
        for (int i = 0; i < hits.size(); i++) {
            excerpts.append("\n[").append(i + 1).append("] ").append(citation(hits.get(i))).append(": ")
                    .append(quote(hits.get(i).content()));
        }
        return new JsonArray().add(new JsonObject().put("role", "system").put("content", excerpts.toString()))
                .add(new JsonObject().put("role", "user").put("content", question));
    }

    static KnowledgeAnswer compose(List<KnowledgeHit> hits, SupportSettings settings) {
        Double best = hits.stream().map(KnowledgeHit::similarity).max(Double::compare).orElse(null);
        List<KnowledgeHit> usable = hits.stream().filter(h -> h.similarity() >= settings.kbMinSimilarity())
                .limit(settings.answerChunks()).toList();
        if (usable.isEmpty()) {
            return new KnowledgeAnswer(NOT_FOUND, hits, best, true, null, List.of());
        }
        StringBuilder text = new StringBuilder("Here is what our help articles say:\n");
        for (KnowledgeHit hit : usable) {
            text.append("\n- ").append(quote(hit.content())).append("\n  (source: ").append(citation(hit)).append(')');
        }
        text.append("\n\nIf this does not solve it, reply here and a member of our team will help.");
        return new KnowledgeAnswer(text.toString(), usable, best, false, null, List.of());
    }

    private static String quote(String content) {
        String flat = content.strip().replaceAll("\\s+", " ");
        return flat.length() <= QUOTE_CHARS ? flat : flat.substring(0, QUOTE_CHARS).stripTrailing() + "…";
    }

    private static String citation(KnowledgeHit hit) {
        StringBuilder c = new StringBuilder(hit.title() == null ? "knowledge base" : hit.title());
        if (hit.page() != null) {
            c.append(", page ").append(hit.page());
        }
        if (hit.heading() != null) {
            c.append(", ").append(hit.heading());
        }
        return c.toString();
    }
}
