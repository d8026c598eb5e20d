import dev.agentry.embedding.onnx.OnnxEmbeddingProvider;
import io.smallrye.mutiny.Uni;
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
 * The product corpus embedded once with the deployment's in-process model and cached under
 * bench/.cache/catalog (git-ignored): later runs skip the embedding. Each offering is embedded from
 * the text publish embeds ({@code name + "\n" + description}, OfferingService.embeddingText without
 * attributes), so a vector here is the one the service would store for that text.
 * Files: {@code products-<n>-<seed>.tsv} (type, name, description) and {@code .f32} (n x dims
 * little-endian floats).
 */
final class ProductCache {

    record Corpus(List<String> types, List<String> names, List<String> descriptions, float[][] vectors, String model) {
        int size() {
            return names.size();
        }
    }

    private ProductCache() {
    }

    static Corpus load(Path dir, int count, long seed, int threads) throws Exception {
        Path tsv = dir.resolve("products-" + count + "-" + seed + ".tsv");
        Path f32 = dir.resolve("products-" + count + "-" + seed + ".f32");
        if (Files.exists(tsv) && Files.exists(f32)) {
            return read(tsv, f32);
        }
        Files.createDirectories(dir);
        List<String[]> products = ProductCorpus.generate(count, seed);
        List<String> types = new ArrayList<>(count), names = new ArrayList<>(count), descriptions = new ArrayList<>(count),
                texts = new ArrayList<>(count);
        for (String[] p : products) {
            names.add(p[0]);
            descriptions.add(p[1]);
            types.add(p[2]);
            texts.add(p[0] + "\n" + p[1]);
        }
        OnnxEmbeddingProvider provider = new OnnxEmbeddingProvider(threads, 4000);
        float[][] vectors = new float[count][];
        long start = System.nanoTime();
        int batch = 64;
        for (int i = 0; i < count; i += batch * threads) {
            List<Uni<List<float[]>>> running = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            for (int t = 0; t < threads && i + t * batch < count; t++) {
                int from = i + t * batch;
                offsets.add(from);
                running.add(provider.embedAll(texts.subList(from, Math.min(count, from + batch))).memoize().indefinitely());
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
                System.out.printf(Locale.ROOT, "  embedded %d/%d in %.0f s (%.0f offerings/s)%n", done, count, sec, done / sec);
            }
        }
        provider.close();
        double sec = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "embedded %d offerings in %.1f s = %.0f/s (%s)%n", count, sec, count / sec, provider.model());
        try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
            w.write("#model\t" + provider.model() + "\n");
            for (int i = 0; i < count; i++) {
                w.write(types.get(i) + "\t" + names.get(i) + "\t" + descriptions.get(i) + "\n");
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
        return new Corpus(types, names, descriptions, vectors, provider.model());
    }

    private static Corpus read(Path tsv, Path f32) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String model = lines.get(0).split("\t", 2)[1];
        List<String> types = new ArrayList<>(), names = new ArrayList<>(), descriptions = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\t", 3);
            types.add(parts[0]);
            names.add(parts[1]);
            descriptions.add(parts[2]);
        }
        int n = names.size();
        int dims = (int) (Files.size(f32) / 4 / n);
        float[][] vectors = new float[n][dims];
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f32), 1 << 20)) {
            DataInputStream data = new DataInputStream(in);
            byte[] row = new byte[dims * 4];
            for (int i = 0; i < n; i++) {
                data.readFully(row);
                ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vectors[i]);
            }
        }
        return new Corpus(types, names, descriptions, vectors, model);
    }
}
