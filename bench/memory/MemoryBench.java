import dev.agentry.memory.episode.EpisodeCreate;
import dev.agentry.memory.episode.EpisodeStore;
import dev.agentry.memory.episode.EpisodeType;
import dev.agentry.common.search.IndexSearchSettings;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import dev.agentry.memory.search.RankingLimits;
import dev.agentry.memory.search.SqlStatement;
import dev.agentry.memory.search.TextQuery;
import dev.agentry.memory.search.VectorQuery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The memory-service benchmark (see bench/memory/run.sh and docs/benchmarks-memory.md).
 *
 * <ul>
 * <li>{@code load}: N episodes over T tenants (Zipf sizes) in schema {@code bench.schema}: texts and
 * vectors from the embedded corpus (bench/.cache), each vector a small random perturbation of a
 * real embedding; binary COPY per tenant as the owner with {@code app.tenant_id} bound; then the
 * GIN and HNSW indexes are built (dropped during the load, as bulk loads do).</li>
 * <li>{@code search}: per query, the same statement the service sends, raw (Vert.x PG client as the
 * runtime role), with the exact strategy (the ground truth) and the HNSW strategy; then the API
 * ({@code POST /v1/episodes/search}, vector mode, the caller's vector); latencies by tenant size,
 * recall@10 against exact; then hybrid text queries and a concurrent run through the API.</li>
 * <li>{@code ingest}: the bulk endpoint (caller vectors; then server-side embedding) against the
 * same INSERT raw.</li>
 * <li>{@code knowledge}: PDF pages per second from upload to searchable, and knowledge search with a
 * ready vector through the API beside the same statement raw ({@link KnowledgeBench}).</li>
 * </ul>
 */
public class MemoryBench {

    static final String MODEL = "bge-small-en-v1.5-q";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path cache = Path.of(System.getProperty("bench.cache", "bench/.cache/memory"));
    final Path work = Path.of(System.getProperty("bench.work", "bench/memory/target"));
    final int episodes = Integer.getInteger("bench.episodes", 1_000_000);
    final int tenants = Integer.getInteger("bench.tenants", 100);
    final int corpusSize = Integer.getInteger("bench.corpus", 30_000);
    final int queries = Integer.getInteger("bench.queries", 400);
    final double sigma = Double.parseDouble(System.getProperty("bench.sigma", "0.015"));
    final String schema = System.getProperty("bench.schema", "memory_bench");
    final String db = System.getProperty("bench.db", "agentry");
    final String api = System.getProperty("bench.url", "http://127.0.0.1:18082");
    final int ef = Integer.getInteger("bench.ef", 100);
    final int concurrency = Integer.getInteger("bench.concurrency", 4);
    final int seconds = Integer.getInteger("bench.seconds", 20);
    final int ingestCount = Integer.getInteger("bench.ingest", 20_000);
    final String owner = System.getProperty("bench.owner", "agentry_owner");
    final String ownerPassword = System.getProperty("bench.owner.password", "agentry_owner");
    final String app = System.getProperty("bench.app", "agentry_app");
    final String appPassword = System.getProperty("bench.app.password", "agentry_app");

    final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        MemoryBench bench = new MemoryBench();
        for (String phase : args.length == 0 ? new String[] { "help" } : args) {
            switch (phase) {
                case "embed" -> bench.corpus();
                case "keys" -> BenchSupport.keys(bench.work.resolve("keys"));
                case "load" -> bench.load();
                case "search" -> bench.search();
                case "ingest" -> bench.ingest();
                case "explain" -> bench.explain();
                case "knowledge" -> new KnowledgeBench(bench).run();
                default -> System.out.println("usage: MemoryBench embed|keys|load|search|ingest|explain|knowledge ...");
            }
        }
        bench.save();
    }

    CorpusCache.Corpus corpus() throws Exception {
        return CorpusCache.load(cache, corpusSize, 42L, 2);
    }

    /** Zipf (s = 1) tenant sizes summing to {@code episodes}: a few large tenants, many small ones. */
    int[] sizes() {
        double h = 0;
        for (int i = 1; i <= tenants; i++) {
            h += 1.0 / i;
        }
        int[] sizes = new int[tenants];
        int total = 0;
        for (int i = 0; i < tenants; i++) {
            sizes[i] = (int) Math.round(episodes / ((i + 1) * h));
            total += sizes[i];
        }
        sizes[0] += episodes - total;
        return sizes;
    }

    UUID tenant(int i) {
        return UUID.nameUUIDFromBytes(("agentry-bench-tenant-" + i).getBytes());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "n/a";
        }
    }

    void out(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        report.append(line).append('\n');
    }

    void save() throws IOException {
        if (report.isEmpty()) {
            return;
        }
        Files.createDirectories(work);
        Path file = work.resolve("results-" + Instant.now().toString().replace(':', '-') + ".md");
        Files.writeString(file, report.toString());
        System.out.println("report written to " + file);
    }

    Connection ownerConnection() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, owner, ownerPassword);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = " + schema + ", public");
        }
        return c;
    }

    // =================================================================================== load

    void load() throws Exception {
        CorpusCache.Corpus corpus = corpus();
        int[] sizes = sizes();
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            long existing;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(episodes), 0) FROM episode_stats")) {
                rs.next();
                existing = rs.getLong(1);
            }
            if (existing == episodes) {
                out("load: %d episodes already loaded in schema %s; skipped", existing, schema);
                return;
            }
            out("## Load: %,d episodes over %d tenants (Zipf sizes %,d .. %,d), corpus %,d sentences, sigma %.3f; load average %s",
                    episodes, tenants, sizes[0], sizes[tenants - 1], corpus.size(), sigma, loadAverage());
            s.execute("TRUNCATE episodes, episode_stats");
            // PostgreSQL refuses COPY FROM where row-level security applies, and FORCE applies it to the
            // owner. This schema is the benchmark's own: lift FORCE for the load, restore it after.
            forceRowSecurity(s, false);
            s.execute("DROP INDEX IF EXISTS idx_episodes_embedding");
            s.execute("DROP INDEX IF EXISTS idx_episodes_search_tsv");
            long started = System.nanoTime();
            long loaded;
            try {
                loaded = copyAll(c, corpus, sizes, started);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                forceRowSecurity(s, true);
            }
            double copySec = (System.nanoTime() - started) / 1e9;
            out("COPY (binary, per tenant, btree indexes and the tsvector column maintained): %,d rows in %.1f s = %,.0f rows/s",
                    loaded, copySec, loaded / copySec);
            s.execute("SET maintenance_work_mem = '" + System.getProperty("bench.mwm", "1GB") + "'");
            s.execute("SET max_parallel_maintenance_workers = 2");
            long t0 = System.nanoTime();
            s.execute("CREATE INDEX idx_episodes_search_tsv ON episodes USING gin (search_tsv)");
            out("GIN index on search_tsv: %.1f s", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            s.execute("CREATE INDEX idx_episodes_embedding ON episodes USING hnsw (embedding vector_cosine_ops)");
            out("HNSW index (m 16, ef_construction 64, 16 partitions): %.1f s", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            s.execute("VACUUM ANALYZE episodes");
            out("VACUUM ANALYZE: %.1f s", (System.nanoTime() - t0) / 1e9);
            try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits "
                    + "WHERE inhparent = 'episodes'::regclass")) {
                rs.next();
                out("episodes on disk (heap, TOAST, indexes): %s", rs.getString(1));
            }
        }
    }

    /** Binary COPY of every tenant's rows, one transaction per tenant with its app.tenant_id bound. */
    long copyAll(Connection c, CorpusCache.Corpus corpus, int[] sizes, long started) throws Exception {
        c.setAutoCommit(false);
        CopyIn copy;
        Random random = new Random(7);
        long loaded = 0;
        Instant now = Instant.now();
        for (int t = 0; t < tenants; t++) {
            UUID tenant = tenant(t);
            try (Statement bind = c.createStatement()) {
                bind.execute("SELECT set_config('app.tenant_id', '" + tenant + "', true)");
            }
            copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY episodes (id, tenant_id, agent_id, "
                    + "customer_profile_id, episode_type, content, language, embedding, embedding_model, importance, "
                    + "valid_from, recorded_at, metadata) FROM STDIN (FORMAT binary)");
            BenchSupport.BinaryCopy rows = new BenchSupport.BinaryCopy();
            byte[] header = rows.header();
            copy.writeToCopy(header, 0, header.length);
            UUID[] agents = { UUID.nameUUIDFromBytes((tenant + "a0").getBytes()), UUID.nameUUIDFromBytes((tenant + "a1").getBytes()),
                    UUID.nameUUIDFromBytes((tenant + "a2").getBytes()) };
            int customers = Math.max(10, Math.min(2000, sizes[t] / 20));
            for (int i = 0; i < sizes[t]; i++) {
                int base = random.nextInt(corpus.size());
                Instant recorded = now.minusSeconds(random.nextInt(365 * 86_400));
                rows.tuple(13);
                rows.uuid(BenchSupport.uuidV7(recorded.toEpochMilli(), random));
                rows.uuid(tenant);
                rows.uuid(agents[random.nextInt(3)]);
                rows.uuid(new UUID(tenant.getMostSignificantBits(), random.nextInt(customers)));
                rows.text(corpus.types().get(base));
                rows.text(corpus.texts().get(base));
                rows.text("en");
                rows.vector(BenchSupport.perturb(corpus.vectors()[base], sigma, random));
                rows.text(MODEL);
                rows.float8(random.nextDouble());
                rows.timestamptz(recorded);
                rows.timestamptz(recorded);
                rows.jsonb("{}");
                if (rows.size() > (1 << 20)) {
                    byte[] b = rows.drain();
                    copy.writeToCopy(b, 0, b.length);
                }
            }
            byte[] b = rows.drain();
            copy.writeToCopy(b, 0, b.length);
            byte[] trailer = BenchSupport.BinaryCopy.trailer();
            copy.writeToCopy(trailer, 0, trailer.length);
            copy.endCopy();
            c.commit();
            loaded += sizes[t];
            if (t % 10 == 9 || t == tenants - 1) {
                double sec = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "  loaded %,d rows (%d tenants) in %.0f s, %.0f rows/s%n", loaded, t + 1, sec,
                        loaded / sec);
            }
        }
        return loaded;
    }

    /** FORCE ROW LEVEL SECURITY on episodes and its partitions, or NO FORCE. */
    static void forceRowSecurity(Statement s, boolean force) throws Exception {
        String mode = force ? "FORCE" : "NO FORCE";
        s.execute("ALTER TABLE episodes " + mode + " ROW LEVEL SECURITY");
        for (int i = 0; i < 16; i++) {
            s.execute("ALTER TABLE episodes_p" + i + " " + mode + " ROW LEVEL SECURITY");
        }
    }

    // =================================================================================== search

    Pool rawPool(Vertx vertx, int size) {
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase(db).setUser(app)
                .setPassword(appPassword).setProperties(Map.of("options",
                        "-c search_path=" + schema + ",public -c hnsw.iterative_scan=relaxed_order"));
        return PgPool.pool(vertx, options, new PoolOptions().setMaxSize(size));
    }

    record Timed(List<UUID> ids, double ms, String strategy) {
    }

    Timed raw(Pool pool, UUID tenant, float[] vector, SearchStrategy strategy) {
        EpisodeStore.Query q = new EpisodeStore.Query(new EpisodeStore.Filter(null, null, null, null, null),
                new EpisodeStore.Validity(Instant.now(), null), new VectorQuery(strategy, vector, MODEL), null,
                new RankingLimits(10, 50, 2000, 1000, 60), new EpisodeStore.Weights(0.0, 0.0, 2_592_000));
        SqlStatement st = EpisodeStore.searchStatement(tenant, q);
        long t0 = System.nanoTime();
        // The baseline as first measured: two round trips, the tenant and ef_search bound in one (fewer
        // than the service needs: it also reads the tenant's size, and sets ef_search apart for the index).
        List<UUID> ids = pool.withTransaction(conn -> conn.preparedQuery(
                "SELECT set_config('app.tenant_id', $1, true), set_config('hnsw.ef_search', $2, true)")
                .execute(Tuple.of(tenant.toString(), Integer.toString(ef)))
                .flatMap(x -> conn.preparedQuery(st.sql()).execute(st.params())))
                .map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(r.getUUID("id"));
                    }
                    return out;
                }).await().atMost(Duration.ofSeconds(60));
        return new Timed(ids, (System.nanoTime() - t0) / 1e6, strategy.name().toLowerCase(Locale.ROOT));
    }

    Timed viaApi(HttpClient http, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/episodes/search"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode json = JSON.readTree(response.body());
        List<UUID> ids = new ArrayList<>();
        json.get("items").forEach(item -> ids.add(UUID.fromString(item.get("episode").get("id").asText())));
        return new Timed(ids, ms, json.get("strategy").asText());
    }

    static String vectorBody(float[] v) {
        return "{\"embedding\":" + BenchSupport.json(v) + ",\"embedding_model\":\"" + MODEL
                + "\",\"mode\":\"vector\",\"limit\":10,\"recency_weight\":0,\"importance_weight\":0}";
    }

    static double recall(List<UUID> found, List<UUID> truth) {
        if (truth.isEmpty()) {
            return 1;
        }
        Set<UUID> t = new HashSet<>(truth);
        return found.stream().filter(t::contains).count() / (double) truth.size();
    }

    static final long[] BUCKETS = { 0, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, Long.MAX_VALUE };

    static int bucket(long size) {
        for (int i = 1; i < BUCKETS.length; i++) {
            if (size < BUCKETS[i]) {
                return i - 1;
            }
        }
        return BUCKETS.length - 2;
    }

    static String bucketName(int b) {
        return BUCKETS[b + 1] == Long.MAX_VALUE ? String.format(Locale.ROOT, ">= %,d", BUCKETS[b])
                : String.format(Locale.ROOT, "%,d - %,d", BUCKETS[b], BUCKETS[b + 1] - 1);
    }

    void search() throws Exception {
        CorpusCache.Corpus corpus = corpus();
        int[] sizes = sizes();
        PrivateKey key = BenchSupport.keys(work.resolve("keys")).getPrivate();
        Map<UUID, String> tokens = new HashMap<>();
        for (int t = 0; t < tenants; t++) {
            tokens.put(tenant(t), BenchSupport.token(key, tenant(t), "agent-runtime"));
        }
        Vertx vertx = Vertx.vertx();
        Pool pool = rawPool(vertx, concurrency);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Random random = new Random(11);
        out("## Search: %d queries over %d tenants (round robin), vector mode, top 10, ef_search %d; load average %s", queries,
                tenants, ef, loadAverage());

        // Warm-up: every tenant once through each path (JIT, plan caches, pages into the OS cache).
        for (int t = 0; t < tenants; t++) {
            float[] v = BenchSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random);
            raw(pool, tenant(t), v, SearchStrategy.EXACT);
            raw(pool, tenant(t), v, SearchStrategy.INDEX);
            viaApi(http, tokens.get(tenant(t)), vectorBody(v));
        }
        // The service is a fresh JVM: a hundred requests leave its request path interpreted or
        // C1-compiled, while the raw side's work is PostgreSQL's. Serve BENCH_API_WARMUP more (8,000
        // by default, unrecorded: config-service's match path was still being C2-compiled after ~2,000
        // requests on 2 cores) so that the API is measured warm, as a running service is.
        int apiWarmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_API_WARMUP", "8000"));
        for (int i = 0; i < apiWarmup; i++) {
            int t = i % tenants;
            viaApi(http, tokens.get(tenant(t)), vectorBody(BenchSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random)));
        }

        int n = BUCKETS.length - 1;
        List<List<Double>> exactMs = lists(n), hnswMs = lists(n), apiMs = lists(n), hnswRecall = lists(n), apiRecall = lists(n);
        List<Map<String, Integer>> apiStrategies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            apiStrategies.add(new LinkedHashMap<>());
        }
        List<Double> allApi = new ArrayList<>(), allRaw = new ArrayList<>(), allApiRecall = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            int t = q % tenants;
            UUID tenant = tenant(t);
            int b = bucket(sizes[t]);
            // A "nearby question": a perturbed embedding of a real sentence (not a stored vector).
            float[] v = BenchSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random);
            Timed exact = raw(pool, tenant, v, SearchStrategy.EXACT);
            Timed hnsw = raw(pool, tenant, v, SearchStrategy.INDEX);
            Timed viaApi = viaApi(http, tokens.get(tenant), vectorBody(v));
            exactMs.get(b).add(exact.ms());
            hnswMs.get(b).add(hnsw.ms());
            apiMs.get(b).add(viaApi.ms());
            hnswRecall.get(b).add(recall(hnsw.ids(), exact.ids()));
            apiRecall.get(b).add(recall(viaApi.ids(), exact.ids()));
            apiStrategies.get(b).merge(viaApi.strategy(), 1, Integer::sum);
            allApi.add(viaApi.ms());
            allApiRecall.add(recall(viaApi.ids(), exact.ids()));
            allRaw.add(viaApi.strategy().equals("exact") ? exact.ms() : hnsw.ms());
        }
        out("");
        out("| tenant size | tenants | queries | raw exact p50 / p95 ms | raw HNSW p50 / p95 ms | HNSW recall@10 | API p50 / p95 ms | API strategy | API recall@10 |");
        out("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < n; i++) {
            if (exactMs.get(i).isEmpty()) {
                continue;
            }
            final int bi = i;
            long inBucket = java.util.Arrays.stream(sizes).filter(s -> bucket(s) == bi).count();
            double[] e = BenchSupport.sorted(exactMs.get(i)), h = BenchSupport.sorted(hnswMs.get(i)), a = BenchSupport.sorted(apiMs.get(i));
            out("| %s | %d | %d | %.1f / %.1f | %.1f / %.1f | %.3f | %.1f / %.1f | %s | %.3f |", bucketName(i), inBucket,
                    e.length, BenchSupport.pct(e, 50), BenchSupport.pct(e, 95), BenchSupport.pct(h, 50), BenchSupport.pct(h, 95),
                    BenchSupport.mean(hnswRecall.get(i)), BenchSupport.pct(a, 50), BenchSupport.pct(a, 95), apiStrategies.get(i),
                    BenchSupport.mean(apiRecall.get(i)));
        }
        out("");
        out("All tenants, through the API (1 client): %s; recall@10 %.4f", BenchSupport.summary(allApi), BenchSupport.mean(allApiRecall));
        out("Same statements raw (the strategy the API chose, 1 client): %s", BenchSupport.summary(allRaw));

        // Hybrid: a text query, embedded by the service, fused with full text.
        List<Double> hybrid = new ArrayList<>();
        List<List<Double>> hybridBy = lists(n);
        for (int q = 0; q < queries; q++) {
            int t = q % tenants;
            String text = corpus.texts().get(random.nextInt(corpus.size()));
            String body = "{\"query\":" + JSON.writeValueAsString(text) + ",\"limit\":10}";
            double ms = viaApi(http, tokens.get(tenant(t)), body).ms();
            hybrid.add(ms);
            hybridBy.get(bucket(sizes[t])).add(ms);
        }
        out("");
        out("Hybrid text queries through the API (the service embeds the query; vector + full text + fusion): %s",
                BenchSupport.summary(hybrid));
        out("");
        out("| tenant size | hybrid p50 / p95 ms |");
        out("|---|---|");
        for (int i = 0; i < n; i++) {
            if (!hybridBy.get(i).isEmpty()) {
                double[] h = BenchSupport.sorted(hybridBy.get(i));
                out("| %s | %.1f / %.1f |", bucketName(i), BenchSupport.pct(h, 50), BenchSupport.pct(h, 95));
            }
        }
        out("");

        // Concurrent clients through the API.
        List<Double> concurrent = new CopyOnWriteArrayList<>();
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            int id = c;
            Thread worker = new Thread(() -> {
                Random r = new Random(100 + id);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                try {
                    while (System.nanoTime() < deadline) {
                        int t = r.nextInt(tenants);
                        float[] v = BenchSupport.perturb(corpus.vectors()[r.nextInt(corpus.size())], sigma, r);
                        concurrent.add(viaApi(client, tokens.get(tenant(t)), vectorBody(v)).ms());
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            threads.add(worker);
        }
        for (Thread th : threads) {
            th.join();
        }
        out("%d concurrent API clients for %d s (tenants uniform): %.0f searches/s, %s", concurrency, seconds,
                done.get() / (double) seconds, BenchSupport.summary(concurrent));
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    static List<List<Double>> lists(int n) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    /**
     * EXPLAIN ANALYZE, as the runtime role under row-level security (tenant bound per transaction),
     * of the hot statements exactly as the service sends them: episode search (vector exact, vector
     * index, hybrid) on the largest tenant, one near the threshold and the smallest; chunk search
     * (hybrid and vector, exact and index) on a collection of 20,000 chunks, made once from the
     * largest tenant's episodes when absent.
     */
    void explain() throws Exception {
        CorpusCache.Corpus corpus = corpus();
        UUID collection = seedChunks(20_000);
        Vertx vertx = Vertx.vertx();
        Pool pool = rawPool(vertx, 1);
        String text = System.getProperty("bench.text", "I ordered the running shoes on Monday and they arrived damaged");
        float[] v = corpus.vectors()[0];
        int[] sizes = sizes();
        int nearThreshold = 0;
        while (nearThreshold < tenants - 1 && sizes[nearThreshold + 1] >= 10_000) {
            nearThreshold++;
        }
        RankingLimits limits = new RankingLimits(10, 50, 2000, 1000, 60);
        for (int t : new int[] { 0, nearThreshold, tenants - 1 }) {
            UUID tenant = tenant(t);
            for (SearchStrategy strategy : new SearchStrategy[] { SearchStrategy.EXACT, SearchStrategy.INDEX }) {
                for (boolean hybrid : new boolean[] { false, true }) {
                    EpisodeStore.Query q = new EpisodeStore.Query(new EpisodeStore.Filter(null, null, null, null, null),
                            new EpisodeStore.Validity(Instant.now(), null), new VectorQuery(strategy, v, MODEL),
                            hybrid ? new TextQuery(text, "en") : null, limits, new EpisodeStore.Weights(0.002, 0.002, 2_592_000));
                    plan(pool, tenant, "episodes, tenant " + t + " (" + sizes[t] + " rows), " + (hybrid ? "hybrid" : "vector") + ", "
                            + strategy.wireName(), EpisodeStore.searchStatement(tenant, q));
                }
            }
        }
        for (SearchStrategy strategy : new SearchStrategy[] { SearchStrategy.EXACT, SearchStrategy.INDEX }) {
            for (boolean hybrid : new boolean[] { false, true }) {
                ChunkStore.Query q = new ChunkStore.Query(collection, null, null, new VectorQuery(strategy, v, MODEL),
                        hybrid ? new TextQuery(text, "en") : null, limits);
                plan(pool, tenant(0), "chunks, one collection of 20,000, " + (hybrid ? "hybrid" : "vector") + ", " + strategy.wireName(),
                        ChunkStore.searchStatement(tenant(0), q));
            }
        }
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    /** Prints the plan of one statement, run as the runtime role with the tenant bound (and ef_search, as the service sets it). */
    void plan(Pool pool, UUID tenant, String title, SqlStatement st) {
        List<String> plan = pool.withTransaction(conn -> conn.preparedQuery("SELECT set_config('app.tenant_id', $1, true)")
                .execute(Tuple.of(tenant.toString()))
                .flatMap(x -> IndexSearchSettings.efSearch(conn, 100))
                .flatMap(x -> conn.preparedQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + st.sql()).execute(st.params())))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                }).await().atMost(Duration.ofMinutes(2));
        System.out.println("=== " + title);
        plan.forEach(line -> System.out.println(line.length() > 220 ? line.substring(0, 220) : line));
    }

    /**
     * A collection of {@code count} current chunks in the largest tenant (one document per 100
     * chunks), copied from its episodes, unless there already is one. Written as the owner with the
     * tenant bound (row-level security is forced on the owner too).
     */
    UUID seedChunks(int count) throws Exception {
        UUID tenant = tenant(0);
        UUID collection = UUID.nameUUIDFromBytes(("agentry-bench-collection-" + count).getBytes());
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', true)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM collections WHERE tenant_id = '" + tenant + "' AND id = '"
                    + collection + "'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    c.rollback();
                    return collection;
                }
            }
            long t0 = System.nanoTime();
            s.execute("INSERT INTO collections (id, tenant_id, name, slug, embedding_model, chunk_count, document_count) VALUES ('"
                    + collection + "', '" + tenant + "', 'Bench', 'bench', '" + MODEL + "', " + count + ", " + count / 100 + ")");
            s.execute("INSERT INTO documents (id, tenant_id, collection_id, title, file_type, size_bytes, status, chunk_count, "
                    + "content_hash, indexed_at) SELECT gen_random_uuid(), '" + tenant + "', '" + collection + "', 'Document ' || g, "
                    + "'txt', 10000, 'indexed', 100, sha256(('bench ' || g)::bytea), now() FROM generate_series(1, " + count / 100 + ") g");
            s.execute("INSERT INTO chunks (id, tenant_id, collection_id, document_id, chunk_index, content, chunk_hash, language, "
                    + "embedding, embedding_model, token_count) SELECT e.id, e.tenant_id, '" + collection + "', d.id, e.n % 100, e.content, "
                    + "sha256((e.content || e.n)::bytea), 'en', e.embedding, e.embedding_model, length(e.content) / 4 "
                    + "FROM (SELECT *, row_number() OVER (ORDER BY id) - 1 AS n FROM episodes WHERE tenant_id = '" + tenant
                    + "' ORDER BY id LIMIT " + count + ") e JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM documents "
                    + "WHERE tenant_id = '" + tenant + "' AND collection_id = '" + collection + "') d ON d.k = e.n / 100");
            c.commit();
            c.setAutoCommit(true);
            s.execute("ANALYZE collections, documents, chunks");
            out("explain: %d chunks made in one collection of tenant 0 in %.1f s", count, (System.nanoTime() - t0) / 1e9);
        }
        return collection;
    }

    // =================================================================================== ingest

    void ingest() throws Exception {
        CorpusCache.Corpus corpus = corpus();
        PrivateKey key = BenchSupport.keys(work.resolve("keys")).getPrivate();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Random random = new Random(13);
        int batch = Integer.getInteger("bench.batch", 200);
        UUID apiTenant = UUID.randomUUID();
        UUID rawTenant = UUID.randomUUID();
        UUID embedTenant = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        out("## Ingest: bulk endpoint, batches of %d; load average %s", batch, loadAverage());

        // The same batches for the API and the raw statement.
        List<List<Integer>> batches = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < ingestCount; i += batch) {
            List<Integer> b = new ArrayList<>();
            for (int j = i; j < Math.min(ingestCount, i + batch); j++) {
                int base = random.nextInt(corpus.size());
                b.add(base);
                vectors.add(BenchSupport.perturb(corpus.vectors()[base], sigma, random));
            }
            batches.add(b);
        }
        String token = BenchSupport.token(key, apiTenant, "agent-runtime");
        List<Double> batchMs = new ArrayList<>();
        long t0 = System.nanoTime();
        int k = 0;
        for (List<Integer> b : batches) {
            StringBuilder body = new StringBuilder("{\"episodes\":[");
            for (int j = 0; j < b.size(); j++) {
                if (j > 0) {
                    body.append(',');
                }
                body.append("{\"agent_id\":\"").append(agent).append("\",\"episode_type\":\"").append(corpus.types().get(b.get(j)))
                        .append("\",\"content\":").append(JSON.writeValueAsString(corpus.texts().get(b.get(j))))
                        .append(",\"embedding\":").append(BenchSupport.json(vectors.get(k++))).append(",\"embedding_model\":\"")
                        .append(MODEL).append("\"}");
            }
            body.append("]}");
            batchMs.add(post(http, token, "/v1/episodes/bulk", body.toString()));
        }
        double apiSec = (System.nanoTime() - t0) / 1e9;
        out("API, caller vectors, 1 client: %,d episodes in %.1f s = %,.0f episodes/s; per batch %s", ingestCount, apiSec,
                ingestCount / apiSec, BenchSupport.summary(batchMs));

        // The same INSERT raw, same batches, through the same driver.
        Vertx vertx = Vertx.vertx();
        Pool pool = rawPool(vertx, 2);
        List<Double> rawMs = new ArrayList<>();
        t0 = System.nanoTime();
        k = 0;
        for (List<Integer> b : batches) {
            List<EpisodeStore.NewEpisode> rows = new ArrayList<>();
            for (Integer base : b) {
                rows.add(new EpisodeStore.NewEpisode(UUID.randomUUID(), new EpisodeCreate(agent, null, null, null,
                        EpisodeType.valueOf(corpus.types().get(base).toUpperCase(Locale.ROOT)), corpus.texts().get(base), null,
                        null, null, null, null, null, null), vectors.get(k++), MODEL));
            }
            SqlStatement st = EpisodeStore.insertStatement(rawTenant, rows);
            long s = System.nanoTime();
            pool.withTransaction(conn -> conn.preparedQuery("SELECT set_config('app.tenant_id', $1, true)")
                    .execute(Tuple.of(rawTenant.toString())).flatMap(x -> conn.preparedQuery(st.sql()).execute(st.params())))
                    .await().atMost(Duration.ofMinutes(1));
            rawMs.add((System.nanoTime() - s) / 1e6);
        }
        double rawSec = (System.nanoTime() - t0) / 1e9;
        out("Same INSERT raw (Vert.x PG client, runtime role), 1 client: %,d episodes in %.1f s = %,.0f episodes/s; per batch %s",
                ingestCount, rawSec, ingestCount / rawSec, BenchSupport.summary(rawMs));

        // Server-side embedding: the model is the bottleneck.
        int embedCount = Integer.getInteger("bench.ingest.embed", 1000);
        int embedBatch = 50;
        String embedToken = BenchSupport.token(key, embedTenant, "agent-runtime");
        List<Double> embedMs = new ArrayList<>();
        t0 = System.nanoTime();
        for (int i = 0; i < embedCount; i += embedBatch) {
            StringBuilder body = new StringBuilder("{\"episodes\":[");
            for (int j = i; j < Math.min(embedCount, i + embedBatch); j++) {
                if (j > i) {
                    body.append(',');
                }
                body.append("{\"agent_id\":\"").append(agent).append("\",\"episode_type\":\"turn\",\"content\":")
                        .append(JSON.writeValueAsString(corpus.texts().get(random.nextInt(corpus.size())))).append('}');
            }
            body.append("]}");
            embedMs.add(post(http, embedToken, "/v1/episodes/bulk", body.toString()));
        }
        double embedSec = (System.nanoTime() - t0) / 1e9;
        out("API, embedded by the service (batches of %d), 1 client: %,d episodes in %.1f s = %,.0f episodes/s; per batch %s",
                embedBatch, embedCount, embedSec, embedCount / embedSec, BenchSupport.summary(embedMs));

        // Leave the loaded data set as it was.
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (UUID t : List.of(apiTenant, rawTenant, embedTenant)) {
                s.execute("SELECT set_config('app.tenant_id', '" + t + "', true)");
                s.execute("DELETE FROM episodes WHERE tenant_id = '" + t + "'");
            }
            c.commit();
        }
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    double post(HttpClient http, String token, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
