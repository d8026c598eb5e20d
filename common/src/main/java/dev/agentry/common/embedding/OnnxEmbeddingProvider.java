package dev.agentry.common.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default provider: bge-small-en-v1.5 (quantized, 384 dimensions, 512-token window) running in
 * process on ONNX Runtime, shipped as a Maven Central jar, so it needs no network. The model loads
 * on first use (about 0.8 s) on its own threads; inference never runs on an event loop.
 */
public class OnnxEmbeddingProvider implements EmbeddingProvider, AutoCloseable {

    public static final String MODEL = "bge-small-en-v1.5-q";
    public static final int DIMENSIONS = 384;

    private final ExecutorService executor;
    private final int maxTextChars;
    private volatile BgeSmallEnV15QuantizedEmbeddingModel model;

    public OnnxEmbeddingProvider(int threads, int maxTextChars) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "agentry-embedding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxTextChars = maxTextChars;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public Uni<List<float[]>> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> embedNow(texts)).runSubscriptionOn(executor);
    }

    /** Loads the model now (on the calling thread); for a warm-up at startup. */
    public void warmUp() {
        loaded();
    }

    private List<float[]> embedNow(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(text.length() > maxTextChars ? text.substring(0, maxTextChars) : text));
        }
        List<Embedding> embeddings = loaded().embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            out.add(e.vector());
        }
        return out;
    }

    private BgeSmallEnV15QuantizedEmbeddingModel loaded() {
        BgeSmallEnV15QuantizedEmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    // The model's own executor runs the batch in parallel; ours already bounds it.
                    m = new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run);
                    model = m;
                }
            }
        }
        return m;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
