import dev.agentry.embedding.onnx.OnnxEmbeddingProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the in-process default embedding model (bge-small-en-v1.5 quantized) through the
 * production code path, {@link OnnxEmbeddingProvider}: model load time, single-sentence latency,
 * batch throughput, heap and resident memory. Not a test; run with bench/embedding/run.sh.
 */
public class EmbeddingBench {

    private static final Duration WAIT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        int singleCalls = intArg(args, 0, 200);
        int corpusSize = intArg(args, 1, 1024);
        int batchSize = intArg(args, 2, 32);
        int threads = intArg(args, 3, 2);

        System.out.printf(Locale.ROOT, "java %s, %d cpus, max heap %d MB, args %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "before load: RSS %s, heap used %s%n", rss(), heapUsedMb());

        // The provider's default model directory, as in a service without agentry.embedding.model-dir.
        Path modelDir = Path.of(System.getProperty("java.io.tmpdir"), "agentry-models");
        boolean unpacked = Files.exists(modelDir.resolve("bge-small-en-v1.5-q.onnx"));
        OnnxEmbeddingProvider provider = new OnnxEmbeddingProvider(threads, 8000, modelDir);
        long t0 = System.nanoTime();
        provider.warmUp();
        double loadMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "model files in %s: %s%n", modelDir,
                unpacked ? "already unpacked, reused" : "unpacked from the jar during this load");
        long t1 = System.nanoTime();
        float[] first = provider.embed("The first sentence pays for lazy initialisation.").await().atMost(WAIT);
        double firstMs = (System.nanoTime() - t1) / 1e6;
        System.out.printf(Locale.ROOT, "model %s, %d dims: load %.0f ms, first embed %.1f ms%n", provider.model(),
                first.length, loadMs, firstMs);
        System.out.printf(Locale.ROOT, "after load: RSS %s, heap used %s (after GC)%n", rss(), heapUsedMb());

        List<String> corpus = sentences(corpusSize);

        // Warm-up: the JIT, ONNX Runtime's arenas and the tokenizer.
        for (int i = 0; i < 50; i++) {
            provider.embed(corpus.get(i)).await().atMost(WAIT);
        }
        provider.embedAll(corpus.subList(0, batchSize)).await().atMost(WAIT);

        double[] single = new double[singleCalls];
        for (int i = 0; i < singleCalls; i++) {
            String text = corpus.get((i * 7 + 100) % corpus.size());
            long s = System.nanoTime();
            provider.embed(text).await().atMost(WAIT);
            single[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(single);
        System.out.printf(Locale.ROOT, "single sentence (%d calls, avg %.1f words): p50 %.2f ms, p95 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms%n", singleCalls, avgWords(corpus), pct(single, 50), pct(single, 95),
                pct(single, 99), single[single.length - 1]);

        // Batches one after another: one batch runs on one provider thread.
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i += batchSize) {
            batches.add(corpus.subList(i, Math.min(corpus.size(), i + batchSize)));
        }
        long s = System.nanoTime();
        int embedded = 0;
        for (List<String> batch : batches) {
            embedded += provider.embedAll(batch).await().atMost(WAIT).size();
        }
        double seqSec = (System.nanoTime() - s) / 1e9;
        System.out.printf(Locale.ROOT, "batches of %d, sequential: %d sentences in %.2f s = %.0f sentences/s%n",
                batchSize, embedded, seqSec, embedded / seqSec);

        // All batches submitted at once: the provider's pool (threads) runs them in parallel.
        s = System.nanoTime();
        var unis = batches.stream().map(provider::embedAll).toList();
        int parallel = io.smallrye.mutiny.Uni.join().all(unis).andFailFast().await().atMost(WAIT).stream()
                .mapToInt(List::size).sum();
        double parSec = (System.nanoTime() - s) / 1e9;
        System.out.printf(Locale.ROOT, "batches of %d, all submitted at once (%d provider threads): %d sentences in "
                + "%.2f s = %.0f sentences/s%n", batchSize, threads, parallel, parSec, parallel / parSec);

        // A long text near the 512-token window, for scale.
        String longText = String.join(" ", corpus.subList(0, 30));
        double[] longMs = new double[20];
        for (int i = 0; i < longMs.length; i++) {
            long ls = System.nanoTime();
            provider.embed(longText).await().atMost(WAIT);
            longMs[i] = (System.nanoTime() - ls) / 1e6;
        }
        Arrays.sort(longMs);
        System.out.printf(Locale.ROOT, "long text (%d words, %d chars, 20 calls): p50 %.1f ms%n",
                longText.split("\\s+").length, longText.length(), pct(longMs, 50));

        System.out.printf(Locale.ROOT, "end: RSS %s, heap used %s (after GC)%n", rss(), heapUsedMb());
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        provider.close();
    }

    /** Short support-desk sentences from templates: varied words, realistic length. */
    static List<String> sentences(int n) {
        String[] subjects = {"My order", "The package", "My refund", "The invoice", "My account", "The subscription",
                "The delivery", "My password", "The app", "The payment"};
        String[] problems = {"has not arrived yet", "was charged twice", "shows the wrong address",
                "cannot be found anywhere", "was cancelled without notice", "is stuck in processing",
                "arrived damaged", "keeps failing", "needs to be changed", "was never confirmed"};
        String[] tails = {"since last Monday.", "and I need help.", "even after I contacted support.",
                "what should I do?", "please advise.", "for the third time this month.", "after the update.",
                "before the holidays.", "and the tracking link is broken.", "according to your email."};
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(subjects[i % 10] + " " + problems[(i / 10) % 10] + " " + tails[(i / 100 + i) % 10]
                    + (i >= 1000 ? " (" + i + ")" : ""));
        }
        return out;
    }

    static double avgWords(List<String> texts) {
        return texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0);
    }

    static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String heapUsedMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return ((rt.totalMemory() - rt.freeMemory()) >> 20) + " MB (committed " + (rt.totalMemory() >> 20) + " MB)";
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static String rss() throws IOException {
        String rss = "?";
        String hwm = "?";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = mb(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = mb(line);
            }
        }
        return rss + " (peak " + hwm + ")";
    }

    private static String mb(String statusLine) {
        long kb = Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
        return (kb >> 10) + " MB";
    }

    private static int intArg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
