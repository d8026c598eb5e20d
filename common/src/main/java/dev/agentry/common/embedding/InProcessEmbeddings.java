package dev.agentry.common.embedding;

/**
 * The in-process embedding model ({@code agentry.embedding.provider=onnx}), supplied by the module
 * {@code embedding-onnx}: only the services that embed depend on it, so the others do not carry
 * ONNX Runtime, the tokenizer's native library and the 34 MB model (about 140 MB in all, and JNI,
 * which stands in the way of a native build).
 */
public interface InProcessEmbeddings {

    /** A provider running the in-process model with these settings; the model loads on first use. */
    EmbeddingProvider create(EmbeddingConfig config);
}
