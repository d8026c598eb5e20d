package dev.agentry.memory.knowledge.document;

import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.collection;
import static dev.agentry.memory.knowledge.document.UploadHeapWatch.MIB;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.memory.MemoryTestProfiles;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.LogConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 50 MiB file, the largest accepted, uploaded through the HTTP API as a multipart form and as a
 * raw body, raises the live heap by a few MiB at most: the body streams to disk as it arrives, and
 * extraction reads the file from there. The heap is sampled by {@link UploadHeapWatch} (a full
 * collection, then the heap in use) when 16, 32 and 44 MiB of the body have reached the uploads
 * directory, and at least every second until the answer.
 *
 * <p>The file is a one-page PDF padded to 50 MiB by an object no page refers to (as an incremental
 * save leaves superseded objects behind), its title and cross-reference table after the padding:
 * extraction reads one page and the worker has one chunk to embed, so what is measured is the
 * upload, not minutes of embedding; the answer's title shows the stored file was read to its end.
 *
 * <p>Could it fail? The same instrument, with 50 MiB held in a {@code byte[]}, reads a rise of 40
 * to 50 MiB, well over the allowance (checked below, every run). And with the raw body's endpoint
 * changed by hand to take the body as a {@code byte[]} (the REST layer then reads it into memory), that upload read rises of
 * +37.5 and +48.7 MiB with nothing in the uploads directory, and this test failed (2026-12-04);
 * as written (a {@code Path}) every sample of both uploads read within 1.2 MiB of the baseline when
 * the class ran alone, within 6.1 MiB in the full suite (caches cleared for the baseline refill). The
 * check of the instrument also caught, in the full suite (this class's application being the
 * second of the JVM), a held 50 MiB reading as 25-26 MiB: under the pressure the collector cleared
 * soft references worth the rest. Each baseline is therefore taken after 66 MiB were held over a
 * collection ({@link UploadHeapWatch#settledLiveHeap}), and the worker is waited for between uploads.
 */
@QuarkusTest
@TestProfile(MemoryTestProfiles.LargeUploads.class)
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LargeUploadHeapTest extends TwoTenantTest {

    /** The largest file accepted (agentry.memory.knowledge.max-upload-bytes in production). */
    static final long FILE_BYTES = 50 * MIB;
    /** "A few MiB": well under a third of the file, far from what holding it would cost. */
    static final long ALLOWED_RISE = 16 * MIB;
    /** Held over a collection before each baseline: more than a held body and the allowance together. */
    static final long PRESSURE = FILE_BYTES + ALLOWED_RISE;

    static Path files;

    @Override
    protected String schema() {
        return "memory";
    }

    @BeforeAll
    static void makeFiles() throws IOException {
        files = Files.createTempDirectory("agentry-large-upload");
    }

    @AfterAll
    static void removeFiles() throws IOException {
        try (var list = Files.list(files)) {
            for (Path f : list.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(files);
    }

    @Test
    void aFiftyMebibyteUploadStreamsToDiskAndLeavesTheHeapFlat() throws Exception {
        UUID tenant = tenantA;
        String collection = collection(tenant, "large-" + UUID.randomUUID().toString().substring(0, 8));
        Path uploads = MemoryTestProfiles.LargeUploads.uploadsDirectory();

        // One-time initialisation first (Tika's PDF parser, PDFBox's fonts, the OpenAPI validator, the
        // worker's first document), so that it is not counted as the upload's.
        multipart(tenant, collection, paddedPdf("Warm up", "The kettle boils in three minutes.", 64 * 1024)).statusCode(202);
        raw(tenant, collection, paddedPdf("Warm up", "The mug keeps tea warm for an hour.", 64 * 1024)).statusCode(202);
        awaitWorkerIdle(tenant, collection);

        // The instrument sees memory that is held: 50 MiB in a byte[] reads as a rise of 50 MiB.
        long before = UploadHeapWatch.settledLiveHeap(PRESSURE);
        byte[] held = new byte[(int) FILE_BYTES];
        long heldRise = UploadHeapWatch.liveHeap() - before;
        Reference.reachabilityFence(held);
        held = null;
        // What matters is that a held body would fail the allowance below, by far. The reading is
        // not exact: garbage and soft references counted in the baseline may be cleared by the
        // collection of the reading (CI read a held 50 MiB as 40 and 44 MiB in the full suite).
        assertTrue(heldRise >= ALLOWED_RISE + ALLOWED_RISE / 2, "a held body reads as " + heldRise / MIB + " MiB");

        Path form = paddedPdf("Da Nang invoices", "Invoices of the Da Nang branch are sent on the first Monday.", FILE_BYTES);
        Path body = paddedPdf("Can Tho parcels", "Parcels for the Can Tho branch leave on Thursday afternoons.", FILE_BYTES);
        assertEquals(FILE_BYTES, Files.size(form));

        // The title is the file's own (the requests name none), and it sits in an object after the
        // 50 MiB of padding: the parser read the stored file to its end.
        measured("multipart", uploads, () -> multipart(tenant, collection, form)).body("document.title", equalTo("Da Nang invoices"));
        awaitWorkerIdle(tenant, collection);
        measured("raw body", uploads, () -> raw(tenant, collection, body)).body("document.title", equalTo("Can Tho parcels"));
        awaitWorkerIdle(tenant, collection);
    }

    /**
     * Waits until the worker is done with every document of the collection, indexed or failed, so
     * that its work (a first document loads the embedding model) is never counted as an upload's.
     * Either outcome will do: embedding is not what this class tests, and the in-process model
     * cannot load in a second Quarkus application of one JVM (its native tokenizer is bound to the
     * first class loader), which a test profile is when other classes ran first.
     */
    private static void awaitWorkerIdle(UUID tenant, String collection) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            List<String> statuses = as(viewer(tenant)).get("/v1/collections/" + collection + "/documents").then().statusCode(200)
                    .extract().path("items.status");
            if (statuses.stream().allMatch(status -> "indexed".equals(status) || "failed".equals(status))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the worker was still busy with collection " + collection + " after 60 s");
    }

    /** Uploads while the heap is watched; asserts the body reached the disk as it came and the live heap stayed flat. */
    private static ValidatableResponse measured(String how, Path uploads, Supplier<ValidatableResponse> upload) throws Exception {
        long baseline = UploadHeapWatch.settledLiveHeap(PRESSURE);
        long started = System.nanoTime();
        List<UploadHeapWatch.Sample> samples;
        ValidatableResponse answer;
        try (UploadHeapWatch watch = UploadHeapWatch.start(uploads)) {
            answer = upload.get().statusCode(202).body("document.size_bytes", equalTo((int) FILE_BYTES));
            samples = watch.samples();
        }
        long peak = samples.stream().mapToLong(UploadHeapWatch.Sample::liveHeap).max().orElseThrow();
        String seen = describe(baseline, samples);
        System.out.printf("%s upload of %d MiB in %d ms: %s%n", how, FILE_BYTES / MIB, (System.nanoTime() - started) / 1_000_000, seen);
        assertTrue(samples.stream().anyMatch(s -> s.bytesOnDisk() >= 40 * MIB),
                how + ": the body never stood at 40 MiB in the uploads directory while it was received: " + seen);
        assertTrue(peak - baseline < ALLOWED_RISE, how + ": the live heap rose by " + (peak - baseline) / MIB + " MiB: " + seen);
        return answer;
    }

    private static String describe(long baseline, List<UploadHeapWatch.Sample> samples) {
        List<String> parts = new ArrayList<>();
        for (UploadHeapWatch.Sample s : samples) {
            parts.add(String.format("%.1f MiB on disk: %+.1f MiB", s.bytesOnDisk() / (double) MIB,
                    (s.liveHeap() - baseline) / (double) MIB));
        }
        return "baseline " + baseline / MIB + " MiB live; " + String.join(", ", parts);
    }

    /**
     * The request, without REST Assured's "log if validation fails" (Quarkus turns it on), which
     * pretty-prints every request into memory beforehand: a 50 MiB part as a String of 100 MiB.
     */
    private static RequestSpecification unlogged(UUID tenant) {
        return given().config(RestAssured.config().logConfig(LogConfig.logConfig())).auth().oauth2(admin(tenant));
    }

    private static ValidatableResponse multipart(UUID tenant, String collection, Path file) {
        // From a File, REST Assured streams the part (a byte[] part would be copied, and boxed).
        return unlogged(tenant).multiPart("file", file.toFile(), "application/pdf")
                .post("/v1/collections/" + collection + "/documents").then();
    }

    private static ValidatableResponse raw(UUID tenant, String collection, Path file) {
        return unlogged(tenant).contentType("application/pdf").queryParam("filename", "padded.pdf")
                .body(file.toFile()).post("/v1/collections/" + collection + "/documents").then();
    }

    /**
     * A valid PDF of {@code size} bytes: one page holding {@code sentence}, then an unreferenced
     * stream object of pseudo-random bytes, then the document information (its {@code title}) and
     * the cross-reference table, both past the padding. Written straight to disk, 64 KiB at a time.
     */
    static Path paddedPdf(String title, String sentence, long size) throws IOException {
        String content = "BT /F1 12 Tf 72 700 Td (" + sentence + ") Tj ET";
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream");
        StringBuilder head = new StringBuilder("%PDF-1.4\n");
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add((long) head.length());
            head.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        String paddingEnd = "\nendstream\nendobj\n";
        String info = "7 0 obj\n<< /Title (" + title + ") >>\nendobj\n";
        // The padding's length, such that the whole file is `size` bytes (its own digits and the
        // offsets in the table change the total, so settle it in a few rounds).
        long padding = size - head.length();
        for (int round = 0; round < 4; round++) {
            long total = tail(head.length(), padding, paddingEnd, info, offsets).length()
                    + head.length() + paddingHead(padding).length() + padding + paddingEnd.length();
            padding += size - total;
        }
        if (padding < 0) {
            throw new IllegalArgumentException(size + " bytes is too small for a PDF");
        }
        Path file = Files.createTempFile(files, "padded", ".pdf");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(paddingHead(padding).getBytes(StandardCharsets.ISO_8859_1));
            byte[] block = new byte[64 * 1024];
            Random random = new Random(size);
            for (long left = padding; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            out.write(paddingEnd.getBytes(StandardCharsets.ISO_8859_1));
            out.write(tail(head.length(), padding, paddingEnd, info, offsets).getBytes(StandardCharsets.ISO_8859_1));
        }
        if (Files.size(file) != size) {
            throw new IllegalStateException("the padded PDF is " + Files.size(file) + " bytes, not " + size);
        }
        return file;
    }

    private static String paddingHead(long padding) {
        return "6 0 obj\n<< /Length " + padding + " >>\nstream\n";
    }

    /** Object 6 (the padding) and 7 (the information) located, then the cross-reference table and the trailer. */
    private static String tail(long headLength, long padding, String paddingEnd, String info, List<Long> offsets) {
        long infoAt = headLength + paddingHead(padding).length() + padding + paddingEnd.length();
        long xrefAt = infoAt + info.length();
        List<Long> all = new ArrayList<>(offsets);
        all.add(headLength);
        all.add(infoAt);
        StringBuilder x = new StringBuilder(info).append("xref\n0 ").append(all.size() + 1).append("\n0000000000 65535 f \n");
        for (long offset : all) {
            x.append(String.format("%010d 00000 n \n", offset));
        }
        return x.append("trailer\n<< /Size ").append(all.size() + 1).append(" /Root 1 0 R /Info 7 0 R >>\nstartxref\n")
                .append(xrefAt).append("\n%%EOF\n").toString();
    }
}
