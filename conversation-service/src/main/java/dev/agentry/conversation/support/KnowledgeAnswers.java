package dev.agentry.conversation.support;

import dev.agentry.conversation.dependency.KnowledgeHit;
import dev.agentry.conversation.dependency.MemoryClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Answers a customer from the tenant's knowledge base (the seed's data flow, steps 2.1 to 2.5):
 * searches the collection named in the support settings with the ticket's title and description (or
 * the new message), keeps the chunks at or above the tenant's {@code kb_min_similarity}, and writes a
 * deterministic answer that quotes the best of them with their sources. No LLM is called: an
 * OpenAI-compatible completion through config-service is not built yet (docs/conversation-service.md).
 */
@ApplicationScoped
public class KnowledgeAnswers {

    /** Longest quote of one chunk in an answer; the rest is one click away in the source. */
    static final int QUOTE_CHARS = 600;
    static final String NOT_FOUND = "Thank you for your message. We could not find the answer in our help articles, "
            + "so a member of our support team will get back to you.";

    @Inject
    MemoryClient memory;

    public Uni<KnowledgeAnswer> answer(String authorization, SupportSettings settings, String question) {
        if (settings.kbCollectionId() == null || !settings.autoAnswer()) {
            return Uni.createFrom().item(KnowledgeAnswer.none());
        }
        String query = question.length() > 2000 ? question.substring(0, 2000) : question;
        return memory.searchKnowledge(authorization, settings.kbCollectionId(), query, Math.max(5, settings.answerChunks()))
                .map(found -> found.map(hits -> compose(hits, settings)).orElseGet(KnowledgeAnswer::unavailable));
    }

    static KnowledgeAnswer compose(List<KnowledgeHit> hits, SupportSettings settings) {
        Double best = hits.stream().map(KnowledgeHit::similarity).max(Double::compare).orElse(null);
        List<KnowledgeHit> usable = hits.stream().filter(h -> h.similarity() >= settings.kbMinSimilarity())
                .limit(settings.answerChunks()).toList();
        if (usable.isEmpty()) {
            return new KnowledgeAnswer(NOT_FOUND, hits, best, true, false);
        }
        StringBuilder text = new StringBuilder("Here is what our help articles say:\n");
        for (KnowledgeHit hit : usable) {
            text.append("\n- ").append(quote(hit.content())).append("\n  (source: ").append(citation(hit)).append(')');
        }
        text.append("\n\nIf this does not solve it, reply here and a member of our team will help.");
        return new KnowledgeAnswer(text.toString(), usable, best, false, false);
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
