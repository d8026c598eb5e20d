package dev.agentry.common.embedding;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Turns text into vectors. Inject it wherever text is stored with an embedding; which
 * implementation answers is a deployment setting ({@code agentry.embedding.provider}).
 * Implementations never block the caller's thread.
 */
public interface EmbeddingProvider {

    /**
     * The model's name as stored beside every vector ({@code embedding_model}); a query vector from
     * another model is refused rather than compared.
     */
    String model();

    /** The width of every vector this provider returns. */
    int dimensions();

    /** Embeds each text; the answer has one vector per text, in order. */
    Uni<List<float[]>> embedAll(List<String> texts);

    /**
     * Gets ready to embed (loads an in-process model) so that the first caller does not pay for
     * it; nothing for providers that have nothing to load. Never runs on the calling thread.
     */
    default Uni<Void> load() {
        return Uni.createFrom().voidItem();
    }

    default Uni<float[]> embed(String text) {
        return embedAll(List.of(text)).map(vectors -> vectors.get(0));
    }
}
