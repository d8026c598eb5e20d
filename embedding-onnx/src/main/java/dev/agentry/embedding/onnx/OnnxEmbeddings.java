package dev.agentry.embedding.onnx;

import dev.agentry.common.embedding.EmbeddingConfig;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.embedding.InProcessEmbeddings;
import jakarta.enterprise.context.ApplicationScoped;

/** The in-process model for common's provider producer: bge-small-en-v1.5 on ONNX Runtime. */
@ApplicationScoped
public class OnnxEmbeddings implements InProcessEmbeddings {

    @Override
    public EmbeddingProvider create(EmbeddingConfig config) {
        return new OnnxEmbeddingProvider(config.onnxThreads(), config.onnxBatchSize(), config.maxTextChars(),
                config.modelDir().orElse(OnnxEmbeddingProvider.defaultModelDir()));
    }
}
