package dev.agentry.embedding.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process default model, for real: no mocks, the ONNX model runs. */
class OnnxEmbeddingProviderTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Small enough to test the cut, large enough for every sentence below. */
    private static final int MAX_CHARS = 200;

    private static final String REFUND_QUERY = "I want a refund for my order";
    private static final String WHERE_QUERY = "Where is my package?";
    private static final String REFUND_DOC = "Refund and return policy: money back within 30 days";
    private static final String SHIPPING_DOC = "Shipping times and delivery tracking";

    private static final String MODEL_FILE = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_FILE = "bge-small-en-v1.5-q-tokenizer.json";

    @TempDir
    static Path tmp;
    private static Path modelDir;
    private static OnnxEmbeddingProvider provider;

    @BeforeAll
    static void load() {
        // A directory that does not exist yet: the provider creates it and unpacks the model there.
        modelDir = tmp.resolve("models/bge");
        provider = new OnnxEmbeddingProvider(2, MAX_CHARS, modelDir);
    }

    @AfterAll
    static void close() {
        provider.close();
    }

    private static List<float[]> embedAll(List<String> texts) {
        return provider.embedAll(texts).await().atMost(WAIT);
    }

    private static float[] embed(String text) {
        return provider.embed(text).await().atMost(WAIT);
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    @Test
    void namesTheModelAndItsWidth() {
        assertEquals("bge-small-en-v1.5-q", provider.model());
        assertEquals(384, provider.dimensions());
        assertEquals(OnnxEmbeddingProvider.DIMENSIONS, provider.dimensions());
    }

    @Test
    void emptyInputGivesEmptyResult() {
        assertEquals(List.of(), embedAll(List.of()));
    }

    @Test
    void oneUnitVectorOfTheDeclaredWidthPerText() {
        List<float[]> vectors = embedAll(List.of(REFUND_QUERY, WHERE_QUERY, REFUND_DOC, SHIPPING_DOC, "x"));
        assertEquals(5, vectors.size());
        for (float[] v : vectors) {
            assertEquals(384, v.length);
            assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-3);
            for (float x : v) {
                assertTrue(Float.isFinite(x));
            }
        }
    }

    @Test
    void batchKeepsInputOrderAndMatchesSingleEmbeds() {
        List<String> texts = List.of(SHIPPING_DOC, REFUND_QUERY, WHERE_QUERY, REFUND_DOC);
        List<float[]> batch = embedAll(texts);
        assertEquals(texts.size(), batch.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embed(texts.get(i));
            // The same text alone or in a batch: the same vector (up to float noise from padding).
            assertTrue(cosine(single, batch.get(i)) > 0.999, "text " + i + ": " + cosine(single, batch.get(i)));
            for (int j = 0; j < texts.size(); j++) {
                if (j != i) {
                    assertTrue(cosine(single, batch.get(j)) < 0.99, "text " + i + " looks like text " + j);
                }
            }
        }
    }

    @Test
    void sameTextSameVector() {
        assertArrayEquals(embed(REFUND_DOC), embed(REFUND_DOC), 1e-6f);
        assertNotEquals(Arrays.toString(embed(REFUND_DOC)), Arrays.toString(embed(SHIPPING_DOC)));
    }

    @Test
    void refundQuestionIsCloserToRefundPolicy() {
        List<float[]> v = embedAll(List.of(REFUND_QUERY, REFUND_DOC, SHIPPING_DOC));
        double refund = cosine(v.get(0), v.get(1));
        double shipping = cosine(v.get(0), v.get(2));
        assertTrue(refund > shipping, "refund " + refund + " vs shipping " + shipping);
    }

    @Test
    void packageQuestionIsCloserToShipping() {
        List<float[]> v = embedAll(List.of(WHERE_QUERY, REFUND_DOC, SHIPPING_DOC));
        double refund = cosine(v.get(0), v.get(1));
        double shipping = cosine(v.get(0), v.get(2));
        assertTrue(shipping > refund, "shipping " + shipping + " vs refund " + refund);
    }

    @Test
    void smallRetrievalSetRanksTheRightDocumentFirst() {
        List<String> docs = List.of(
                REFUND_DOC,
                SHIPPING_DOC,
                "Reset your password from the login page using the 'Forgot password' link",
                "Our support team is available Monday to Friday, 9am to 5pm",
                "Pay by credit card, PayPal or bank transfer");
        List<String> queries = List.of(REFUND_QUERY, WHERE_QUERY, "I forgot my password and cannot sign in",
                "When can I talk to an agent?", "Can I pay with PayPal?");
        List<float[]> d = embedAll(docs);
        List<float[]> q = embedAll(queries);
        for (int i = 0; i < queries.size(); i++) {
            int best = -1;
            double bestScore = -2;
            for (int j = 0; j < docs.size(); j++) {
                double s = cosine(q.get(i), d.get(j));
                if (s > bestScore) {
                    bestScore = s;
                    best = j;
                }
            }
            assertEquals(i, best, "query '" + queries.get(i) + "' ranked '" + docs.get(best) + "' first");
        }
    }

    @Test
    void textsLongerThanTheLimitAreCutBeforeEmbedding() {
        String prefix = "Refund policy. ".repeat(20).substring(0, MAX_CHARS);
        assertEquals(MAX_CHARS, prefix.length());
        float[] a = embed(prefix + " Shipping times and delivery tracking are described elsewhere.");
        float[] b = embed(prefix + " Completely different tail about passwords and logins.");
        float[] cut = embed(prefix);
        assertArrayEquals(cut, a, 1e-5f);
        assertArrayEquals(cut, b, 1e-5f);
        // Control: within the limit the tail does count.
        assertTrue(cosine(embed(prefix.substring(0, 100) + " shipping"), embed(prefix.substring(0, 100) + " passwords"))
                < 0.9999);
    }

    @Test
    void inferenceRunsOnTheProvidersOwnThreads() {
        AtomicReference<String> thread = new AtomicReference<>();
        provider.embedAll(List.of("hello")).invoke(v -> thread.set(Thread.currentThread().getName()))
                .await().atMost(WAIT);
        assertTrue(thread.get().startsWith("agentry-embedding-"), thread.get());
        assertFalse(thread.get().equals(Thread.currentThread().getName()));
    }

    private static long resourceSize(String name) throws IOException {
        URL url = OnnxEmbeddingModel.class.getClassLoader().getResource(name);
        assertTrue(url != null, name + " is not on the class path");
        return url.openConnection().getContentLengthLong();
    }

    private static Set<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void modelFilesAreUnpackedWholeIntoTheModelDirectory() throws IOException {
        provider.warmUp();
        assertEquals(Set.of(MODEL_FILE, TOKENIZER_FILE), filesIn(modelDir), "no partial copies left behind");
        assertTrue(resourceSize(MODEL_FILE) > 30_000_000L);
        assertEquals(resourceSize(MODEL_FILE), Files.size(modelDir.resolve(MODEL_FILE)));
        assertEquals(resourceSize(TOKENIZER_FILE), Files.size(modelDir.resolve(TOKENIZER_FILE)));
    }

    @Test
    void truncatedCopyIsReplacedAndACompleteOneReused(@TempDir Path dir) throws IOException {
        // What a crash during an earlier unpack could leave.
        Files.write(dir.resolve(MODEL_FILE), new byte[1_000]);
        Files.writeString(dir.resolve(TOKENIZER_FILE), "{");
        float[] expected = embed(REFUND_DOC);

        OnnxEmbeddingProvider repaired = new OnnxEmbeddingProvider(1, MAX_CHARS, dir);
        try {
            assertArrayEquals(expected, repaired.embed(REFUND_DOC).await().atMost(WAIT), 1e-6f);
        } finally {
            repaired.close();
        }
        assertEquals(resourceSize(MODEL_FILE), Files.size(dir.resolve(MODEL_FILE)));
        assertEquals(resourceSize(TOKENIZER_FILE), Files.size(dir.resolve(TOKENIZER_FILE)));
        assertEquals(Set.of(MODEL_FILE, TOKENIZER_FILE), filesIn(dir));

        // A complete copy is opened as it is, not written again.
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve(MODEL_FILE), old);
        OnnxEmbeddingProvider reusing = new OnnxEmbeddingProvider(1, MAX_CHARS, dir);
        try {
            reusing.warmUp();
            assertArrayEquals(expected, reusing.embed(REFUND_DOC).await().atMost(WAIT), 1e-6f);
        } finally {
            reusing.close();
        }
        assertEquals(old, Files.getLastModifiedTime(dir.resolve(MODEL_FILE)));
    }
}
