package dev.agentry.config.embedding;

import dev.agentry.common.embedding.EmbeddingConfig;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.embedding.OpenAiEmbeddingProvider;
import dev.agentry.config.ConfigServiceConfig;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * config-service's embedding provider: common's choice by {@code agentry.embedding.provider},
 * except that the in-process model is loaded from files ({@link FileBackedOnnxEmbeddingProvider}).
 * Replaces common's {@code @DefaultBean} producer.
 */
@ApplicationScoped
public class EmbeddingProviderOverride {

    @Produces
    @ApplicationScoped
    EmbeddingProvider embeddingProvider(EmbeddingConfig embedding, ConfigServiceConfig config, Vertx vertx) {
        EmbeddingProvider provider = switch (embedding.provider()) {
            case onnx -> new FileBackedOnnxEmbeddingProvider(embedding.onnxThreads(), embedding.maxTextChars(),
                    config.embeddingModelDir());
            case openai -> new OpenAiEmbeddingProvider(vertx, embedding.openai(), embedding.dimensions());
        };
        if (provider.dimensions() != embedding.dimensions()) {
            throw new IllegalStateException("agentry.embedding.dimensions is " + embedding.dimensions()
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
