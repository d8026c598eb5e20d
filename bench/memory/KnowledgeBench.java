import com.fasterxml.jackson.databind.JsonNode;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import dev.agentry.memory.search.RankingLimits;
import dev.agentry.memory.search.SqlStatement;
import dev.agentry.memory.search.VectorQuery;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The {@code knowledge} phase of the memory benchmark (bench/memory/run.sh knowledge).
 *
 * <ul>
 * <li><b>PDF to searchable</b>: a PDF of {@code bench.pages} pages of sentences (SentenceCorpus,
 * 32 sentences a page, made with PDFBox) is uploaded as a raw body; the clock runs from
 * the request to the first poll (every 100 ms) that reads the document {@code indexed}: extraction
 * in the request, then chunking, embedding with the in-process model and the one write of the
 * background worker. Pages per second = pages / that time; then a search for a sentence of the
 * middle page should answer that page among its top 10 (its rank is reported, 0 when it is not). {@code bench.pdf-runs} runs, each in a
 * new tenant (so no chunk vector is reused from an earlier run).</li>
 * <li><b>Search with a ready vector</b>: on the last run's collection, {@code bench.knowledge-queries}
 * vector searches ({@code POST /v1/collections/{id}/search} with {@code embedding}, top 10), each
 * a stored chunk vector perturbed as in the episode search, beside the same ranking statement
 * ({@code ChunkStore.searchStatement}, the strategy the API chose) run directly through the Vert.x
 * client as the runtime role with the tenant bound, alternating query by query.</li>
 * </ul>
 */
final class KnowledgeBench {

    private final MemoryBench bench;
    private final int pages = Integer.getInteger("bench.pages", 150);
    private final int runs = Integer.getInteger("bench.pdf-runs", 3);
    private final int queries = Integer.getInteger("bench.knowledge-queries", 300);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The service's process (run.sh passes it): its CPU time per run is a figure the machine's load does not inflate. */
    private final long servicePid = Long.getLong("bench.service-pid", -1);
    private final int clockTicks = Integer.getInteger("bench.clk-tck", 100);

    KnowledgeBench(MemoryBench bench) {
        this.bench = bench;
    }

    record Indexed(UUID tenant, String token, UUID collection, UUID document, int chunks, double uploadMs, double totalMs,
            int sentenceRank, double serviceCpuSeconds) {
    }

    void run() throws Exception {
        PrivateKey key = BenchSupport.keys(bench.work.resolve("keys")).getPrivate();
        List<List<String>> text = pageTexts();
        Path pdf = bench.work.resolve("knowledge-" + pages + ".pdf");
        writePdf(text, pdf);
        bench.out("## Knowledge: a PDF of %d pages (%,d bytes, %,d characters of text), %d runs; load average %s", pages,
                Files.size(pdf), text.stream().flatMap(List::stream).mapToInt(String::length).sum(), runs, MemoryBench.loadAverage());
        bench.out("");
        bench.out("| run | load average before, after | upload answered (extraction) ms | to indexed s | chunks | pages/s | chunks/s "
                + "| service CPU s | pages per service CPU s | page-%d sentence at rank |", pages / 2);
        bench.out("|---|---|---|---|---|---|---|---|---|---|");
        List<Double> pagesPerSecond = new ArrayList<>();
        List<Double> pagesPerCpuSecond = new ArrayList<>();
        Indexed last = null;
        for (int r = 1; r <= runs; r++) {
            String before = MemoryBench.loadAverage().split(" ")[0];
            last = uploadAndAwait(key, pdf, text);
            String after = MemoryBench.loadAverage().split(" ")[0];
            double seconds = last.totalMs() / 1000;
            pagesPerSecond.add(pages / seconds);
            pagesPerCpuSecond.add(pages / last.serviceCpuSeconds());
            bench.out("| %d | %s, %s | %.0f | %.1f | %d | %.2f | %.1f | %.1f | %.2f | %d |", r, before, after, last.uploadMs(), seconds,
                    last.chunks(), pages / seconds, last.chunks() / seconds, last.serviceCpuSeconds(),
                    pages / last.serviceCpuSeconds(), last.sentenceRank());
        }
        bench.out("");
        bench.out("PDF upload to searchable: median %.2f pages/s (runs %s); median %.2f pages per CPU second of the service",
                BenchSupport.pct(BenchSupport.sorted(pagesPerSecond), 50), pagesPerSecond.stream()
                        .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList(),
                BenchSupport.pct(BenchSupport.sorted(pagesPerCpuSecond), 50));
        search(last);
    }

    /** Uploads the PDF into a new tenant's new collection and polls until it is indexed; checks a page-cited hit. */
    Indexed uploadAndAwait(PrivateKey key, Path pdf, List<List<String>> text) throws Exception {
        UUID tenant = UUID.randomUUID();
        String token = BenchSupport.token(key, tenant, "tenant-admin");
        JsonNode created = send(token, "POST", "/v1/collections", "{\"name\":\"Bench handbook\",\"slug\":\"handbook\"}", 201);
        UUID collection = UUID.fromString(created.get("id").asText());
        String documents = "/v1/collections/" + collection + "/documents";
        double cpu0 = serviceCpuSeconds();
        long t0 = System.nanoTime();
        HttpRequest upload = HttpRequest.newBuilder(URI.create(bench.api + documents + "?filename=handbook.pdf&title=Handbook"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofFile(pdf)).build();
        HttpResponse<String> answer = http.send(upload, HttpResponse.BodyHandlers.ofString());
        double uploadMs = (System.nanoTime() - t0) / 1e6;
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + answer.statusCode() + ": " + answer.body());
        }
        UUID document = UUID.fromString(MemoryBench.JSON.readTree(answer.body()).get("document").get("id").asText());
        JsonNode d;
        while (true) {
            d = send(token, "GET", documents + "/" + document, null, 200);
            String status = d.get("status").asText();
            if (status.equals("indexed")) {
                break;
            }
            if (status.equals("failed")) {
                throw new IllegalStateException("indexing failed: " + d.get("error_message"));
            }
            Thread.sleep(100);
        }
        double totalMs = (System.nanoTime() - t0) / 1e6;
        double cpu = serviceCpuSeconds() - cpu0;
        // Searchable, and cited by page: a sentence of the middle page (one not wrapped over two lines, with a number or
        // code in it: the corpus is made of templates, and a sentence with none has near twins on other pages) finds that page.
        int page = pages / 2;
        String sentence = text.get(page - 1).stream().filter(l -> l.length() > 40 && l.length() <= 120 && l.matches(".*\\d.*"))
                .findFirst().orElseThrow();
        JsonNode hits = send(token, "POST", "/v1/collections/" + collection + "/search",
                "{\"query\":" + MemoryBench.JSON.writeValueAsString(sentence) + ",\"limit\":10}", 200).get("items");
        int rank = 0;
        for (int i = 0; i < hits.size() && rank == 0; i++) {
            if (hits.get(i).get("chunk").get("content").asText().contains(sentence) && hits.get(i).get("page").asInt() == page) {
                rank = i + 1;
            }
        }
        // Near paraphrases rank beside it, so the top 10 is asked; not found there is reported (rank 0), not fatal.
        if (rank == 0) {
            System.out.println("a sentence of page " + page + " was not in the top 10: " + sentence);
        }
        return new Indexed(tenant, token, collection, document, d.get("chunk_count").asInt(), uploadMs, totalMs, rank, cpu);
    }

    /** User + system CPU seconds the service's process has used (from /proc), NaN when its pid is not known. */
    double serviceCpuSeconds() {
        if (servicePid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + servicePid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state is field 3, utime and stime fields 14 and 15 (proc(5)).
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Vector searches on one collection through the API and the same statement raw, alternating. */
    void search(Indexed at) throws Exception {
        List<float[]> stored = storedVectors(at);
        Random random = new Random(17);
        Vertx vertx = Vertx.vertx();
        Pool pool = bench.rawPool(vertx, 1);
        String path = "/v1/collections/" + at.collection() + "/search";
        bench.out("");
        bench.out("## Knowledge search with a ready vector: one collection of %d chunks, %d queries, top 10, 1 client; load average %s",
                stored.size(), queries, MemoryBench.loadAverage());
        String apiStrategy = null;
        // Warm-up, not recorded.
        for (int i = 0; i < 50; i++) {
            float[] v = BenchSupport.perturb(stored.get(random.nextInt(stored.size())), bench.sigma, random);
            raw(pool, at, v);
            apiStrategy = send(at.token(), "POST", path, body(v), 200).get("strategy").asText();
        }
        if (!"exact".equals(apiStrategy)) {
            // The raw side runs the exact plan (a collection under agentry.memory.search.exact-threshold chunks).
            throw new IllegalStateException("the API chose " + apiStrategy + ", the raw statement is the exact one");
        }
        List<Double> apiMs = new ArrayList<>();
        List<Double> rawMs = new ArrayList<>();
        int sameTop10 = 0;
        for (int q = 0; q < queries; q++) {
            float[] v = BenchSupport.perturb(stored.get(random.nextInt(stored.size())), bench.sigma, random);
            long t0 = System.nanoTime();
            List<UUID> rawIds = raw(pool, at, v);
            rawMs.add((System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            JsonNode answer = send(at.token(), "POST", path, body(v), 200);
            apiMs.add((System.nanoTime() - t0) / 1e6);
            List<UUID> apiIds = new ArrayList<>();
            answer.get("items").forEach(item -> apiIds.add(UUID.fromString(item.get("chunk").get("id").asText())));
            if (apiIds.equals(rawIds)) {
                sameTop10++;
            }
        }
        double[] a = BenchSupport.sorted(apiMs);
        double[] r = BenchSupport.sorted(rawMs);
        bench.out("");
        bench.out("| path | p50 ms | p95 ms | p99 ms |");
        bench.out("|---|---|---|---|");
        bench.out("| API (`POST /v1/collections/{id}/search`, strategy %s) | %.2f | %.2f | %.2f |", apiStrategy, BenchSupport.pct(a, 50),
                BenchSupport.pct(a, 95), BenchSupport.pct(a, 99));
        bench.out("| the ranking statement raw (Vert.x client, runtime role, tenant bound) | %.2f | %.2f | %.2f |",
                BenchSupport.pct(r, 50), BenchSupport.pct(r, 95), BenchSupport.pct(r, 99));
        bench.out("");
        bench.out("API / raw: p50 %.2fx, p95 %.2fx; API - raw at p50: %+.2f ms; the same top 10 in %d of %d queries; load average %s",
                BenchSupport.pct(a, 50) / BenchSupport.pct(r, 50), BenchSupport.pct(a, 95) / BenchSupport.pct(r, 95),
                BenchSupport.pct(a, 50) - BenchSupport.pct(r, 50), sameTop10, queries, MemoryBench.loadAverage());
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    /** The statement the service sends for a vector search of this collection (exact below 10,000 chunks), with the tenant bound. */
    List<UUID> raw(Pool pool, Indexed at, float[] v) {
        ChunkStore.Query q = new ChunkStore.Query(at.collection(), null, null, new VectorQuery(SearchStrategy.EXACT, v, MemoryBench.MODEL),
                null, new RankingLimits(10, 50, 2000, 1000, 60));
        SqlStatement st = ChunkStore.searchStatement(at.tenant(), q);
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT set_config('app.tenant_id', $1, true)")
                .execute(Tuple.of(at.tenant().toString())).flatMap(x -> conn.preparedQuery(st.sql()).execute(st.params())))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                    }
                    return ids;
                }).await().atMost(Duration.ofSeconds(60));
    }

    static String body(float[] v) {
        return "{\"embedding\":" + BenchSupport.json(v) + ",\"embedding_model\":\"" + MemoryBench.MODEL
                + "\",\"mode\":\"vector\",\"limit\":10}";
    }

    /** The collection's chunk vectors, read as the owner with the tenant bound (row-level security is forced). */
    List<float[]> storedVectors(Indexed at) throws Exception {
        List<float[]> out = new ArrayList<>();
        try (Connection c = bench.ownerConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + at.tenant() + "', false)");
            try (PreparedStatement q = c.prepareStatement("SELECT embedding::text FROM chunks WHERE tenant_id = ? AND collection_id = ? "
                    + "AND is_current")) {
                q.setObject(1, at.tenant());
                q.setObject(2, at.collection());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String[] parts = rs.getString(1).replace("[", "").replace("]", "").split(",");
                        float[] v = new float[parts.length];
                        for (int i = 0; i < parts.length; i++) {
                            v[i] = Float.parseFloat(parts[i]);
                        }
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    JsonNode send(String token, String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bench.api + path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return MemoryBench.JSON.readTree(response.body());
    }

    // ---------------------------------------------------------------- the PDF

    /** Each page: 8 paragraphs of 4 distinct sentences of the corpus, each sentence a line (wrapped in the PDF when longer than 120 characters). */
    List<List<String>> pageTexts() {
        List<String[]> sentences = SentenceCorpus.generate(pages * 32, 99L);
        List<List<String>> out = new ArrayList<>();
        int next = 0;
        for (int p = 0; p < pages; p++) {
            List<String> lines = new ArrayList<>();
            for (int paragraph = 0; paragraph < 8; paragraph++) {
                for (int k = 0; k < 4; k++) {
                    lines.add(ascii(sentences.get(next++)[1]));
                }
                lines.add("");
            }
            out.add(lines);
        }
        return out;
    }

    /** Helvetica of the 14 standard fonts encodes WinAnsi only: accents are dropped. */
    static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[^\\x20-\\x7E]", "");
    }

    /** Each sentence on a line of its own (wrapped at 120 characters), a blank line between paragraphs, 9 pt Helvetica. */
    static void writePdf(List<List<String>> pages, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 9);
                    cs.setLeading(11);
                    cs.newLineAtOffset(54, 740);
                    for (String line : lines) {
                        for (String part : wrap(line, 120)) {
                            cs.showText(part);
                            cs.newLine();
                        }
                    }
                    cs.endText();
                }
            }
            doc.getDocumentInformation().setTitle("Bench handbook");
            doc.save(file.toFile());
        }
    }

    static List<String> wrap(String line, int width) {
        List<String> out = new ArrayList<>();
        String rest = line;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        out.add(rest);
        return out;
    }
}
