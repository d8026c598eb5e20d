package dev.agentry.conversation.dialogue;

import dev.agentry.common.embedding.EmbeddingProvider;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a transition's condition holds for this turn. config-service keeps a condition as free
 * text for the runtime; the runtime reads it so (docs/conversation-service.md, "Scenario steps"):
 * <ul>
 * <li>blank, {@code always} or {@code *}: always;</li>
 * <li>{@code slot:KEY} (or {@code variable:KEY}): the message filled the slot {@code KEY}, or the
 * session has the variable {@code KEY};</li>
 * <li>{@code contains:a|b}: the message holds one of the phrases (case-insensitive);</li>
 * <li>anything else is a description of the message: it holds when the message's vector is at least
 * {@code agentry.conversation.dialogue.transition-threshold} close to the condition's (embedded
 * once per replica and text).</li>
 * </ul>
 * The answer is why it held, or empty.
 */
@ApplicationScoped
public class TransitionConditions {

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    DialogueConfig config;

    private BoundedCache<String, float[]> vectors;

    @PostConstruct
    void init() {
        vectors = new BoundedCache<>(config.scenarioCacheSize() * 4);
    }

    /** What the turn knows that a condition may ask about. */
    public record TurnFacts(String message, Optional<float[]> vector, Set<String> filled) {
    }

    public Uni<Optional<String>> holds(String condition, TurnFacts facts) {
        String text = condition == null ? "" : condition.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.isEmpty() || lower.equals("always") || lower.equals("*")) {
            return Uni.createFrom().item(Optional.of("always"));
        }
        for (String prefix : new String[] { "slot:", "variable:" }) {
            if (lower.startsWith(prefix)) {
                String key = text.substring(prefix.length()).strip();
                return Uni.createFrom().item(facts.filled().contains(key) ? Optional.of(key + " filled") : Optional.empty());
            }
        }
        if (lower.startsWith("contains:")) {
            String message = facts.message().toLowerCase(Locale.ROOT);
            return Uni.createFrom().item(Arrays.stream(text.substring("contains:".length()).split("\\|")).map(String::strip)
                    .filter(phrase -> !phrase.isEmpty() && message.contains(phrase.toLowerCase(Locale.ROOT))).findFirst()
                    .map(phrase -> "message contains \"" + phrase + "\""));
        }
        if (facts.vector().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return vectorOf(text).map(conditionVector -> {
            double similarity = cosine(facts.vector().get(), conditionVector);
            return similarity >= config.transitionThreshold()
                    ? Optional.of(String.format(Locale.ROOT, "message like \"%s\" (%.3f)", text, similarity))
                    : Optional.<String> empty();
        }).onFailure().recoverWithItem(Optional.empty());
    }

    private Uni<float[]> vectorOf(String text) {
        String key = embeddings.model() + "\u0000" + text;
        float[] cached = vectors.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return embeddings.embed(text).invoke(vector -> vectors.put(key, vector));
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
