package dev.agentry.common.embedding;

import io.quarkus.arc.DefaultBean;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Picks the provider named by {@code agentry.embedding.provider}; a service may replace it. */
@ApplicationScoped
public class EmbeddingProviderProducer {

    @Produces
    @ApplicationScoped
    @DefaultBean
    EmbeddingProvider embeddingProvider(EmbeddingConfig config, Vertx vertx, Instance<InProcessEmbeddings> inProcess) {
        EmbeddingProvider provider = switch (config.provider()) {
            case onnx -> {
                if (!inProcess.isResolvable()) {
                    throw new IllegalStateException("agentry.embedding.provider is onnx, but the in-process model is not"
                            + " in this service: add the dependency dev.agentry:embedding-onnx, or choose openai");
                }
                yield inProcess.get().create(config);
            }
            case openai -> new OpenAiEmbeddingProvider(vertx, config.openai(), config.dimensions());
        };
        if (provider.dimensions() != config.dimensions()) {
            throw new IllegalStateException("agentry.embedding.dimensions is " + config.dimensions()
                    + " but provider " + provider.model() + " produces " + provider.dimensions());
        }
        return provider;
    }

    void close(@Disposes EmbeddingProvider provider) throws Exception {
        if (provider instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
