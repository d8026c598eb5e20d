package dev.agentry.conversation.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed's step 2.6, "check escalation triggers", with the two triggers the issue adds: an
 * escalation keyword of the tenant, a customer asking for a person, an urgent priority (when the
 * tenant escalates those), and a knowledge base whose best chunk is under the tenant's similarity
 * threshold. Every trigger that fires is returned, so the ticket's history says all of why.
 */
public final class EscalationTriggers {

    private EscalationTriggers() {
    }

    public static List<EscalationReason> of(String text, boolean urgent, KnowledgeAnswer kb, SupportSettings settings) {
        List<EscalationReason> reasons = new ArrayList<>();
        Phrases.firstIn(text, settings.escalationKeywords())
                .ifPresent(k -> reasons.add(new EscalationReason("keyword", "the text contains \"" + k + "\"")));
        Phrases.firstIn(text, settings.humanRequestPhrases())
                .ifPresent(p -> reasons.add(new EscalationReason("human_requested", "the customer asked for a person (\"" + p + "\")")));
        if (urgent && settings.escalateUrgent()) {
            reasons.add(new EscalationReason("urgent_priority", "the ticket is urgent"));
        }
        if (kb.belowThreshold()) {
            String best = kb.bestSimilarity() == null ? "no chunk was found"
                    : String.format(Locale.ROOT, "the best chunk's similarity %.3f", kb.bestSimilarity());
            reasons.add(new EscalationReason("low_kb_score",
                    best + String.format(Locale.ROOT, " is under the threshold %.2f", settings.kbMinSimilarity())));
        }
        return reasons;
    }
}
