package dev.agentry.memory.embedding;

import dev.agentry.common.embedding.EmbeddingConfig;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.embedding.OpenAiEmbeddingProvider;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replaces common's default provider bean: the in-process model is loaded from a file
 * ({@link FileBackedOnnxEmbeddingProvider}); the HTTP provider is common's, unchanged.
 */
@ApplicationScoped
public class EmbeddingProviders {

    @Produces
    @ApplicationScoped
    EmbeddingProvider embeddingProvider(EmbeddingConfig config, Vertx vertx,
            @ConfigProperty(name = "agentry.memory.model-directory", defaultValue = "${java.io.tmpdir}/agentry-models") String directory) {
        EmbeddingProvider provider = switch (config.provider()) {
            case onnx -> new FileBackedOnnxEmbeddingProvider(config.onnxThreads(), config.maxTextChars(), Path.of(directory));
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
