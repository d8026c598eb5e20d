package dev.agentry.common.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a service embeds text. */
@ConfigMapping(prefix = "agentry.embedding")
public interface EmbeddingConfig {

    /** Which provider embeds: {@code onnx} (in process, no network) or {@code openai} (HTTP). */
    @WithDefault("onnx")
    Kind provider();

    /**
     * The deployment's vector width. Every vector column has it (the {@code embedding_dimensions}
     * Flyway placeholder) and the provider must produce it; startup fails otherwise.
     */
    @WithDefault("384")
    int dimensions();

    /** Threads that run the in-process model; it is CPU-bound, so more than the cores is waste. */
    @WithDefault("2")
    int onnxThreads();

    /**
     * Texts per run of the in-process model. Larger inputs are cut into batches of this size that
     * run side by side on the {@code onnx-threads}; a run pads every text to its longest, so a
     * bigger batch costs memory more than it saves time.
     */
    @WithDefault("32")
    int onnxBatchSize();

    /**
     * Where the in-process model's files are unpacked from its jar (once) for ONNX Runtime to open;
     * must be writable. Default: {@code agentry-models} under {@code java.io.tmpdir} (computed in
     * code: an expression default was seen unexpanded). In containers point it at a writable volume.
     */
    Optional<java.nio.file.Path> modelDir();

    /**
     * Load the model while the service starts, and report not ready (readiness check
     * {@code embedding-model}) until it is loaded, so that no request pays for the load. Only in a
     * service that embeds at all; tests turn it off.
     */
    @WithDefault("true")
    boolean warmUp();

    /** Texts longer than this many characters are cut before embedding (the model's window is smaller). */
    @WithDefault("8000")
    int maxTextChars();

    /** An OpenAI-compatible embeddings API (OpenAI, Ollama, vLLM). */
    OpenAi openai();

    interface OpenAi {

        /** Base URL up to and including {@code /v1}, e.g. {@code http://localhost:11434/v1}. */
        @WithDefault("http://localhost:11434/v1")
        String baseUrl();

        /** Bearer key, when the server wants one. Never logged. */
        Optional<String> apiKey();

        /** The model name the server knows, also recorded as {@code embedding_model}. */
        @WithDefault("text-embedding-3-small")
        String model();

        /** Send {@code dimensions} in the request (OpenAI text-embedding-3 can shorten vectors). */
        @WithDefault("false")
        boolean sendDimensions();

        /** How long one request may take. */
        @WithDefault("15s")
        Duration timeout();

        /** Texts per request. */
        @WithDefault("64")
        int batchSize();
    }

    enum Kind {
        onnx, openai
    }
}
