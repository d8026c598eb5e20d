import dev.agentry.embedding.onnx.OnnxEmbeddingProvider;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The base corpus: sentences embedded once with the deployment's model and cached under
 * bench/.cache (git-ignored), so that later runs skip the ~150 sentences/s embedding step.
 * Files: {@code corpus-<n>-<seed>.tsv} (type, text) and {@code .f32} (n x dims little-endian floats).
 */
final class CorpusCache {

    record Corpus(List<String> types, List<String> texts, float[][] vectors, String model) {
        int size() {
            return texts.size();
        }
    }

    private CorpusCache() {
    }

    static Corpus load(Path dir, int count, long seed, int threads) throws Exception {
        Path tsv = dir.resolve("corpus-" + count + "-" + seed + ".tsv");
        Path f32 = dir.resolve("corpus-" + count + "-" + seed + ".f32");
        if (Files.exists(tsv) && Files.exists(f32)) {
            return read(tsv, f32);
        }
        Files.createDirectories(dir);
        List<String[]> sentences = SentenceCorpus.generate(count, seed);
        List<String> types = new ArrayList<>(count);
        List<String> texts = new ArrayList<>(count);
        for (String[] s : sentences) {
            types.add(s[0]);
            texts.add(s[1]);
        }
        OnnxEmbeddingProvider provider = new OnnxEmbeddingProvider(threads, 8000);
        float[][] vectors = new float[count][];
        long start = System.nanoTime();
        int batch = 64;
        // Keep every provider thread busy: submit `threads` batches at a time.
        for (int i = 0; i < count; i += batch * threads) {
            List<io.smallrye.mutiny.Uni<List<float[]>>> running = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            for (int t = 0; t < threads && i + t * batch < count; t++) {
                int from = i + t * batch;
                int to = Math.min(count, from + batch);
                offsets.add(from);
                running.add(provider.embedAll(texts.subList(from, to)).memoize().indefinitely());
            }
            running.forEach(u -> u.subscribe().with(x -> { }, e -> { }));
            for (int k = 0; k < running.size(); k++) {
                List<float[]> out = running.get(k).await().atMost(Duration.ofMinutes(5));
                for (int j = 0; j < out.size(); j++) {
                    vectors[offsets.get(k) + j] = out.get(j);
                }
            }
            int done = Math.min(count, i + batch * threads);
            if (done % 5120 < batch * threads) {
                double sec = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "  embedded %d/%d in %.0f s (%.0f sentences/s)%n", done, count, sec, done / sec);
            }
        }
        provider.close();
        double sec = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "embedded %d sentences in %.1f s = %.0f sentences/s (%s)%n", count, sec, count / sec,
                provider.model());
        try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
            w.write("#model\t" + provider.model() + "\n");
            for (int i = 0; i < count; i++) {
                w.write(types.get(i) + "\t" + texts.get(i) + "\n");
            }
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(f32), 1 << 20)) {
            ByteBuffer buf = ByteBuffer.allocate(vectors[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] v : vectors) {
                buf.clear();
                buf.asFloatBuffer().put(v);
                out.write(buf.array());
            }
        }
        return new Corpus(types, texts, vectors, provider.model());
    }

    private static Corpus read(Path tsv, Path f32) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String model = lines.get(0).split("\t", 2)[1];
        List<String> types = new ArrayList<>(lines.size());
        List<String> texts = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\t", 2);
            types.add(parts[0]);
            texts.add(parts[1]);
        }
        int n = texts.size();
        long bytes = Files.size(f32);
        int dims = (int) (bytes / 4 / n);
        float[][] vectors = new float[n][dims];
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f32), 1 << 20)) {
            byte[] row = new byte[dims * 4];
            for (int i = 0; i < n; i++) {
                new DataInputStream(in).readFully(row);
                ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vectors[i]);
            }
        }
        return new Corpus(types, texts, vectors, model);
    }
}
