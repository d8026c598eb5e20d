package dev.agentry.memory.embedding;

import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.memory.MemoryConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds many texts as several batches submitted together, so that every thread of the provider
 * works (one call is one batch on one thread: a bulk of 200 texts would use one core of two).
 * Answers one vector per text, in order.
 */
@ApplicationScoped
public class BatchedEmbeddings {

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    MemoryConfig config;

    public Uni<List<float[]>> embedAll(List<String> texts) {
        int batch = Math.max(1, config.embedBatchSize());
        if (texts.size() <= batch) {
            return embeddings.embedAll(texts);
        }
        List<Uni<List<float[]>>> calls = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += batch) {
            calls.add(embeddings.embedAll(texts.subList(i, Math.min(texts.size(), i + batch))));
        }
        return Uni.join().all(calls).andFailFast().map(results -> {
            List<float[]> out = new ArrayList<>(texts.size());
            results.forEach(out::addAll);
            return out;
        });
    }
}
