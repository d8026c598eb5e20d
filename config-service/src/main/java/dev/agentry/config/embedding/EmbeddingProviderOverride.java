package dev.agentry.config.embedding;

import dev.agentry.common.embedding.EmbeddingConfig;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.embedding.OnnxEmbeddingProvider;
import dev.agentry.common.embedding.OpenAiEmbeddingProvider;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * config-service's embedding provider: common's choice by {@code agentry.embedding.provider} and
 * {@code agentry.embedding.model-dir}, except that the model files are unpacked by reading the jar
 * as a zip ({@link FileBackedOnnxEmbeddingProvider}): common's unpacking goes through the class
 * loader, which in Quarkus test and dev mode buffers the whole 34 MB resource on the heap first
 * (an OutOfMemoryError in this module's -Xmx192m test JVM). Replaces common's {@code @DefaultBean}
 * producer; to be dropped when common reads the jar the same way.
 */
@ApplicationScoped
public class EmbeddingProviderOverride {

    @Produces
    @ApplicationScoped
    EmbeddingProvider embeddingProvider(EmbeddingConfig embedding, Vertx vertx) {
        EmbeddingProvider provider = switch (embedding.provider()) {
            case onnx -> new FileBackedOnnxEmbeddingProvider(embedding.onnxThreads(), embedding.maxTextChars(),
                    embedding.modelDir().orElse(OnnxEmbeddingProvider.defaultModelDir()));
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
