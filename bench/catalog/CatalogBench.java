import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.catalog.pricing.BenchPrices;
import dev.agentry.catalog.search.BenchSql;
import dev.agentry.common.vector.VectorCodec;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The catalog-service benchmark (bench/catalog/run.sh; results in docs/catalog-service.md and
 * docs/benchmarks.md).
 *
 * <ul>
 * <li>{@code load}: N active offerings (one active version each, one variant, a default-list price
 * and for every third variant a channel price) over T tenants of Zipf sizes, in the service's schema
 * of the benchmark database: texts and vectors from the embedded product corpus (bench/.cache),
 * each vector a small random perturbation of a real embedding; binary COPY per tenant as the owner;
 * the HNSW and GIN indexes dropped for the load and built after it.</li>
 * <li>{@code search}: per query, the service's own statements run directly (Vert.x PG client as
 * the runtime role, the tenant bound, the same count and settings), exact (the ground truth) and
 * through the index; then the API ({@code POST /v1/offerings/search}, vector mode, a ready
 * vector); latencies by tenant size, recall@10 against exact; then hybrid (text + the same vector)
 * through the API beside its SQL.</li>
 * <li>{@code threshold}: exact against index on single tenants of chosen sizes (the exact-search
 * threshold).</li>
 * <li>{@code price}: {@code GET /v1/variants/{id}/price} beside its three statements.</li>
 * <li>{@code import}: {@code POST /v1/import-jobs} (CSV) to completed, beside {@code COPY} of the
 * same rows into the same tables.</li>
 * </ul>
 */
public class CatalogBench {

    static final String MODEL = "bge-small-en-v1.5-q";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path cache = Path.of(System.getProperty("bench.cache", "bench/.cache/catalog"));
    final Path work = Path.of(System.getProperty("bench.work", "bench/catalog/target"));
    final int offerings = Integer.getInteger("bench.offerings", 1_000_000);
    final int tenants = Integer.getInteger("bench.tenants", 100);
    final int corpusSize = Integer.getInteger("bench.corpus", 30_000);
    final int queries = Integer.getInteger("bench.queries", 400);
    final int thresholdQueries = Integer.getInteger("bench.threshold.queries", 30);
    final int priceRequests = Integer.getInteger("bench.price.requests", 1000);
    final int importRows = Integer.getInteger("bench.import.rows", 1000);
    final long threshold = Long.getLong("bench.threshold", 20_000);
    final double sigma = Double.parseDouble(System.getProperty("bench.sigma", "0.015"));
    final String schema = System.getProperty("bench.schema", "catalog");
    final String db = System.getProperty("bench.db", "agentry_bench");
    final String api = System.getProperty("bench.url", "http://127.0.0.1:18085");
    final String owner = System.getProperty("bench.owner", "agentry_owner");
    final String ownerPassword = System.getProperty("bench.owner.password", "agentry_owner");
    final String app = System.getProperty("bench.app", "agentry_app");
    final String appPassword = System.getProperty("bench.app.password", "agentry_app");
    final String mwm = System.getProperty("bench.mwm", "5GB");

    // The service's search settings (agentry.catalog.search.*, defaults): the baseline sends the same.
    static final int CANDIDATES = 100, RRF_K = 60, TEXT_CAP = 1000, TEXT_WINDOW = 2000, EF_SEARCH = 100;
    static final double TRIGRAM = 0.4;

    final StringBuilder report = new StringBuilder();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        CatalogBench bench = new CatalogBench();
        try {
            for (String phase : args.length == 0 ? new String[] { "help" } : args) {
                switch (phase) {
                    case "embed" -> bench.corpus();
                    case "keys" -> CatalogSupport.keys(bench.work.resolve("keys"));
                    case "load" -> bench.load();
                    case "search" -> bench.search();
                    case "threshold" -> bench.threshold();
                    case "price" -> bench.price();
                    case "import" -> bench.importRate();
                    default -> System.out.println("usage: CatalogBench embed|keys|load|search|threshold|price|import ...");
                }
            }
        } finally {
            bench.save();
        }
        System.exit(0);
    }

    ProductCache.Corpus corpus() throws Exception {
        return ProductCache.load(cache, corpusSize, 42L, 2);
    }

    /** Zipf (s = 1) tenant sizes summing to {@code offerings}: a few large tenants, many small ones. */
    int[] sizes() {
        double h = 0;
        for (int i = 1; i <= tenants; i++) {
            h += 1.0 / i;
        }
        int[] sizes = new int[tenants];
        int total = 0;
        for (int i = 0; i < tenants; i++) {
            sizes[i] = (int) Math.round(offerings / ((i + 1) * h));
            total += sizes[i];
        }
        sizes[0] += offerings - total;
        return sizes;
    }

    UUID tenant(int i) {
        return UUID.nameUUIDFromBytes(("agentry-catalog-bench-tenant-" + i).getBytes(StandardCharsets.UTF_8));
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

    static final String[] LOADED_TABLES = { "tenant_offering", "tenant_offering_version", "tenant_offering_variant",
            "tenant_sales_channel", "tenant_price_list", "tenant_variant_price", "tenant_inventory_location",
            "tenant_inventory_item" };

    /**
     * FORCE ROW LEVEL SECURITY on the loaded tables, or NO FORCE. PostgreSQL refuses COPY FROM where
     * row-level security applies, and FORCE applies it to the owner: the benchmark lifts FORCE on its
     * own database for the owner's COPY and restores it after (the runtime role is never the owner:
     * RLS applies to the service throughout).
     */
    void forceRowSecurity(Statement s, boolean force) throws Exception {
        for (String t : LOADED_TABLES) {
            s.execute("ALTER TABLE " + t + (force ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        }
    }

    // =================================================================================== load

    void load() throws Exception {
        ProductCache.Corpus corpus = corpus();
        int[] sizes = sizes();
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            long existing;
            // The owner reads every version through V2's text_search policy (SELECT, owner only).
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tenant_offering_version WHERE status = 'active'")) {
                rs.next();
                existing = rs.getLong(1);
            }
            if (existing == offerings) {
                out("load: %,d active offerings already loaded in %s.%s; skipped", existing, db, schema);
                return;
            }
            out("## Load: %,d active offerings over %d tenants (Zipf sizes %,d .. %,d), corpus %,d products, sigma %.3f; load average %s",
                    offerings, tenants, sizes[0], sizes[tenants - 1], corpus.size(), sigma, loadAverage());
            forceRowSecurity(s, false);
            try {
                s.execute("TRUNCATE tenant_offering, tenant_offering_version, tenant_offering_variant, tenant_variant_price, "
                        + "tenant_price_list, tenant_sales_channel, tenant_inventory_item, tenant_inventory_location CASCADE");
                s.execute("DROP INDEX IF EXISTS idx_version_active_embedding");
                s.execute("DROP INDEX IF EXISTS idx_version_active_tsv");
                s.execute("DROP INDEX IF EXISTS idx_version_active_trgm");
                long started = System.nanoTime();
                c.setAutoCommit(false);
                Random random = new Random(7);
                long loaded = 0;
                for (int t = 0; t < tenants; t++) {
                    copyTenant(c, tenant(t), t, sizes[t], corpus, random);
                    c.commit();
                    loaded += sizes[t];
                    if (t % 10 == 9 || t == tenants - 1) {
                        double sec = (System.nanoTime() - started) / 1e9;
                        System.out.printf(Locale.ROOT, "  loaded %,d offerings (%d tenants) in %.0f s, %.0f offerings/s; load %s%n", loaded,
                                t + 1, sec, loaded / sec, loadAverage());
                    }
                }
                c.setAutoCommit(true);
                double copySec = (System.nanoTime() - started) / 1e9;
                out("COPY (binary offerings and versions, text variants and prices; B-trees and generated text columns maintained): "
                        + "%,d offerings (+ versions, variants, %,d prices) in %.1f s = %,.0f offerings/s", loaded, loaded + loaded / 3,
                        copySec, loaded / copySec);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                forceRowSecurity(s, true);
            }
            buildIndexes(s);
        }
    }

    void buildIndexes(Statement s) throws Exception {
        s.execute("SET maintenance_work_mem = '" + mwm + "'");
        s.execute("SET max_parallel_maintenance_workers = 2");
        long t0 = System.nanoTime();
        s.execute("CREATE INDEX IF NOT EXISTS idx_version_active_tsv ON tenant_offering_version USING gin (search_tsv) WHERE status = 'active'");
        out("GIN index on search_tsv: %.1f s", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        s.execute("CREATE INDEX IF NOT EXISTS idx_version_active_trgm ON tenant_offering_version USING gin (search_folded gin_trgm_ops) "
                + "WHERE status = 'active'");
        out("GIN trigram index on search_folded: %.1f s", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        s.execute("CREATE INDEX IF NOT EXISTS idx_version_active_embedding ON tenant_offering_version USING hnsw (embedding vector_cosine_ops) "
                + "WHERE status = 'active'");
        out("HNSW index (m 16, ef_construction 64, one graph over every tenant's active versions, maintenance_work_mem %s): %.1f s; load %s",
                mwm, (System.nanoTime() - t0) / 1e9, loadAverage());
        t0 = System.nanoTime();
        for (String t : LOADED_TABLES) {
            s.execute("VACUUM ANALYZE " + t);
        }
        out("VACUUM ANALYZE: %.1f s", (System.nanoTime() - t0) / 1e9);
        try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('tenant_offering_version')), "
                + "pg_size_pretty(pg_relation_size('idx_version_active_embedding')), pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            out("tenant_offering_version on disk (heap, TOAST, indexes): %s, of which the HNSW index %s; database %s", rs.getString(1),
                    rs.getString(2), rs.getString(3));
        }
    }

    /** One tenant: a channel, a default and a channel price list, then its offerings by COPY. */
    void copyTenant(Connection c, UUID tenant, int t, int size, ProductCache.Corpus corpus, Random random) throws Exception {
        Instant now = Instant.now();
        UUID channel = UUID.nameUUIDFromBytes((tenant + "/channel").getBytes(StandardCharsets.UTF_8));
        UUID retail = UUID.nameUUIDFromBytes((tenant + "/retail").getBytes(StandardCharsets.UTF_8));
        UUID web = UUID.nameUUIDFromBytes((tenant + "/web").getBytes(StandardCharsets.UTF_8));
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant_sales_channel (id, tenant_id, code, name) VALUES ('" + channel + "', '" + tenant
                    + "', 'web', 'Web shop')");
            s.execute("INSERT INTO tenant_price_list (id, tenant_id, code, currency) VALUES ('" + retail + "', '" + tenant
                    + "', 'retail-vnd', 'VND')");
            s.execute("INSERT INTO tenant_price_list (id, tenant_id, channel_id, code, currency, valid_from, valid_to) VALUES ('" + web
                    + "', '" + tenant + "', '" + channel + "', 'web-vnd', 'VND', now() - interval '30 days', now() + interval '335 days')");
        }
        UUID[] offeringIds = new UUID[size];
        int[] bases = new int[size];
        Instant[] created = new Instant[size];
        for (int i = 0; i < size; i++) {
            created[i] = now.minusSeconds(random.nextInt(365 * 86_400));
            offeringIds[i] = CatalogSupport.uuidV7(created[i].toEpochMilli(), random);
            bases[i] = random.nextInt(corpus.size());
        }
        var api = c.unwrap(PGConnection.class).getCopyAPI();
        // Offerings.
        CopyIn copy = api.copyIn("COPY tenant_offering (id, tenant_id, offering_type, code, status, created_at, updated_at) "
                + "FROM STDIN (FORMAT binary)");
        CatalogSupport.BinaryCopy rows = new CatalogSupport.BinaryCopy();
        write(copy, rows.header());
        for (int i = 0; i < size; i++) {
            rows.tuple(7);
            rows.uuid(offeringIds[i]);
            rows.uuid(tenant);
            rows.text(corpus.types().get(bases[i]));
            rows.text("p-" + t + "-" + i);
            rows.text("active");
            rows.timestamptz(created[i]);
            rows.timestamptz(created[i]);
            flushIfFull(copy, rows);
        }
        finish(copy, rows);
        // Active versions: the corpus text with the offering's reference, a perturbed real embedding.
        copy = api.copyIn("COPY tenant_offering_version (id, tenant_id, offering_id, version, name, description, status, embedding, "
                + "embedding_model, published_at, created_at, updated_at) FROM STDIN (FORMAT binary)");
        write(copy, rows.header());
        for (int i = 0; i < size; i++) {
            rows.tuple(12);
            rows.uuid(CatalogSupport.uuidV7(created[i].toEpochMilli(), random));
            rows.uuid(tenant);
            rows.uuid(offeringIds[i]);
            rows.int4(1);
            rows.text(corpus.names().get(bases[i]));
            rows.text(corpus.descriptions().get(bases[i]) + " Ref. P" + t + "-" + i + ".");
            rows.text("active");
            rows.vector(CatalogSupport.perturb(corpus.vectors()[bases[i]], sigma, random));
            rows.text(MODEL);
            rows.timestamptz(created[i]);
            rows.timestamptz(created[i]);
            rows.timestamptz(created[i]);
            flushIfFull(copy, rows);
        }
        finish(copy, rows);
        // One variant each; a default price each, a channel price for every third.
        UUID[] variantIds = new UUID[size];
        StringBuilder variants = new StringBuilder(size * 120);
        for (int i = 0; i < size; i++) {
            variantIds[i] = CatalogSupport.uuidV7(created[i].toEpochMilli(), random);
            variants.append(variantIds[i]).append('\t').append(tenant).append('\t').append(offeringIds[i]).append("\tSKU-").append(i)
                    .append('\t').append("Standard").append('\n');
        }
        copyText(api, "COPY tenant_offering_variant (id, tenant_id, offering_id, sku, name) FROM STDIN", variants);
        StringBuilder prices = new StringBuilder(size * 160);
        for (int i = 0; i < size; i++) {
            long amount = (50 + random.nextInt(50_000)) * 1000L;
            prices.append(CatalogSupport.uuidV7(created[i].toEpochMilli(), random)).append('\t').append(tenant).append('\t').append(retail)
                    .append('\t').append(variantIds[i]).append("\tVND\t").append(amount).append('\n');
            if (i % 3 == 0) {
                prices.append(CatalogSupport.uuidV7(created[i].toEpochMilli(), random)).append('\t').append(tenant).append('\t')
                        .append(web).append('\t').append(variantIds[i]).append("\tVND\t").append(amount * 9 / 10).append('\n');
            }
        }
        copyText(api, "COPY tenant_variant_price (id, tenant_id, price_list_id, variant_id, currency, amount) FROM STDIN", prices);
    }

    static void write(CopyIn copy, byte[] b) throws Exception {
        copy.writeToCopy(b, 0, b.length);
    }

    static void flushIfFull(CopyIn copy, CatalogSupport.BinaryCopy rows) throws Exception {
        if (rows.size() > (1 << 20)) {
            write(copy, rows.drain());
        }
    }

    static void finish(CopyIn copy, CatalogSupport.BinaryCopy rows) throws Exception {
        write(copy, rows.drain());
        write(copy, CatalogSupport.BinaryCopy.trailer());
        copy.endCopy();
    }

    static void copyText(org.postgresql.copy.CopyManager api, String sql, StringBuilder data) throws Exception {
        CopyIn copy = api.copyIn(sql);
        byte[] b = data.toString().getBytes(StandardCharsets.UTF_8);
        int step = 1 << 20;
        for (int off = 0; off < b.length; off += step) {
            copy.writeToCopy(b, off, Math.min(step, b.length - off));
        }
        copy.endCopy();
    }

    // =================================================================================== search

    Pool rawPool(Vertx vertx, int size) {
        // The service's connection options (application.properties): search_path and the iterative scan;
        // and, as Quarkus does for PostgreSQL by default, prepared statements cached per connection (so
        // the server may plan a repeated statement once, generically, as it does for the service).
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase(db).setUser(app)
                .setPassword(appPassword).setCachePreparedStatements(true).setProperties(Map.of("options",
                        "-c search_path=" + schema + ",public -c hnsw.iterative_scan=relaxed_order"
                                // Without parallel workers (run.sh's default): the service's statements ran without them
                                // (measured: with them the direct exact statement was 60 ms slower than the API on 2 busy cores).
                                + (Boolean.parseBoolean(System.getProperty("bench.sql.parallel", "false")) ? ""
                                        : " -c max_parallel_workers_per_gather=0")));
        return PgPool.pool(vertx, options, new PoolOptions().setMaxSize(size));
    }

    record Timed(List<UUID> ids, double ms, String strategy, double countMs) {
    }

    /**
     * What the service's SearchService does, without HTTP: one transaction, the tenant bound (common's
     * TenantTransactions), the tenant's active count, the strategy chosen as the service chooses it,
     * ef_search set for the index, then the search statement.
     */
    Timed raw(Pool pool, UUID tenant, float[] vector, String text, String requested) {
        long t0 = System.nanoTime();
        long[] countDone = new long[1];
        String[] chosen = new String[1];
        List<UUID> ids = pool.withTransaction(conn -> conn.preparedQuery(
                "SELECT set_config('app.tenant_id', $1, true), set_config('app.platform_admin', $2, true)")
                .execute(Tuple.of(tenant.toString(), "off"))
                .flatMap(x -> conn.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM tenant_offering_version WHERE tenant_id = $1 "
                        + "AND status = 'active' LIMIT $2) x").execute(Tuple.of(tenant, threshold + 1)))
                .flatMap(count -> {
                    countDone[0] = System.nanoTime();
                    long n = count.iterator().next().getLong(0);
                    boolean exact = requested.equals("exact") || (requested.equals("auto") && n <= threshold);
                    chosen[0] = exact ? "exact" : "index";
                    BenchSql.Statement st = BenchSql.search(tenant, VectorCodec.toSql(vector), MODEL, text, exact, TRIGRAM, TEXT_CAP,
                            TEXT_WINDOW, CANDIDATES, RRF_K, 10);
                    var settings = exact ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                            : conn.preparedQuery("SELECT set_config('hnsw.ef_search', $1, true)").execute(Tuple.of(Integer.toString(EF_SEARCH)))
                                    .replaceWithVoid();
                    return settings.flatMap(v -> conn.preparedQuery(st.sql()).execute(st.params()));
                }))
                .map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(r.getUUID("version_id"));
                    }
                    return out;
                }).await().atMost(Duration.ofMinutes(2));
        long end = System.nanoTime();
        return new Timed(ids, (end - t0) / 1e6, chosen[0], (countDone[0] - t0) / 1e6);
    }

    Timed viaApi(String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/offerings/search")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(2))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode json = JSON.readTree(response.body());
        List<UUID> ids = new ArrayList<>();
        json.get("hits").forEach(hit -> ids.add(UUID.fromString(hit.get("version_id").asText())));
        return new Timed(ids, ms, json.get("strategy").asText(), 0);
    }

    static String vectorBody(float[] v, String strategy) {
        return "{\"embedding\":" + CatalogSupport.json(v) + ",\"embedding_model\":\"" + MODEL + "\",\"mode\":\"vector\",\"limit\":10"
                + (strategy == null ? "" : ",\"strategy\":\"" + strategy + "\"") + "}";
    }

    static String hybridBody(float[] v, String text) throws Exception {
        return "{\"query\":" + JSON.writeValueAsString(text) + ",\"embedding\":" + CatalogSupport.json(v) + ",\"embedding_model\":\""
                + MODEL + "\",\"limit\":10}";
    }

    static double recall(List<UUID> found, List<UUID> truth) {
        if (truth.isEmpty()) {
            return 1;
        }
        Set<UUID> t = new HashSet<>(truth);
        return found.stream().filter(t::contains).count() / (double) truth.size();
    }

    static final long[] BUCKETS = { 0, 5_000, 10_000, 20_000, 50_000, 100_000, Long.MAX_VALUE };

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

    static List<List<Double>> lists(int n) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    Map<UUID, String> tokens(String role) throws Exception {
        PrivateKey key = CatalogSupport.keys(work.resolve("keys")).getPrivate();
        Map<UUID, String> tokens = new HashMap<>();
        for (int t = 0; t < tenants; t++) {
            tokens.put(tenant(t), CatalogSupport.token(key, tenant(t), role));
        }
        return tokens;
    }

    void search() throws Exception {
        ProductCache.Corpus corpus = corpus();
        int[] sizes = sizes();
        Map<UUID, String> tokens = tokens("viewer");
        Vertx vertx = Vertx.vertx();
        Pool pool = rawPool(vertx, 2);
        Random random = new Random(11);
        out("## Search: %d queries over %d tenants (round robin), vector mode, top 10, ef_search %d, service threshold %,d; load average %s",
                queries, tenants, EF_SEARCH, threshold, loadAverage());

        // Warm-up: every tenant once through each path (JIT, plan caches, pages into the OS cache).
        for (int t = 0; t < tenants; t++) {
            float[] v = CatalogSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random);
            raw(pool, tenant(t), v, null, "exact");
            raw(pool, tenant(t), v, null, "index");
            viaApi(tokens.get(tenant(t)), vectorBody(v, null));
        }
        out("warm-up done; load average %s", loadAverage());

        int n = BUCKETS.length - 1;
        List<List<Double>> exactMs = lists(n), indexMs = lists(n), apiMs = lists(n), baseMs = lists(n), indexRecall = lists(n),
                apiRecall = lists(n), countMs = lists(n);
        List<Map<String, Integer>> apiStrategies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            apiStrategies.add(new LinkedHashMap<>());
        }
        List<Double> allApi = new ArrayList<>(), allBase = new ArrayList<>(), allApiRecall = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            int t = q % tenants;
            UUID tenant = tenant(t);
            int b = bucket(sizes[t]);
            // A "nearby question": a perturbed embedding of a real product text (not a stored vector).
            float[] v = CatalogSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random);
            Timed exact = raw(pool, tenant, v, null, "exact");
            Timed index = raw(pool, tenant, v, null, "index");
            // The baseline and the API alternate first, so neither always runs on the other's warm pages.
            Timed base, viaApi;
            if (q % 2 == 0) {
                base = raw(pool, tenant, v, null, "auto");
                viaApi = viaApi(tokens.get(tenant), vectorBody(v, null));
            } else {
                viaApi = viaApi(tokens.get(tenant), vectorBody(v, null));
                base = raw(pool, tenant, v, null, "auto");
            }
            exactMs.get(b).add(exact.ms());
            indexMs.get(b).add(index.ms());
            apiMs.get(b).add(viaApi.ms());
            baseMs.get(b).add(base.ms());
            countMs.get(b).add(exact.countMs());
            indexRecall.get(b).add(recall(index.ids(), exact.ids()));
            apiRecall.get(b).add(recall(viaApi.ids(), exact.ids()));
            apiStrategies.get(b).merge(viaApi.strategy(), 1, Integer::sum);
            allApi.add(viaApi.ms());
            allBase.add(base.ms());
            allApiRecall.add(recall(viaApi.ids(), exact.ids()));
        }
        out("");
        out("| tenant size | tenants | queries | SQL exact p50 / p95 ms | SQL index p50 / p95 ms | index recall@10 | count p50 ms | API p50 / p95 ms | SQL as the API chose p50 / p95 ms | API strategy | API recall@10 |");
        out("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < n; i++) {
            if (exactMs.get(i).isEmpty()) {
                continue;
            }
            final int bi = i;
            long inBucket = java.util.Arrays.stream(sizes).filter(s -> bucket(s) == bi).count();
            double[] e = CatalogSupport.sorted(exactMs.get(i)), h = CatalogSupport.sorted(indexMs.get(i)),
                    a = CatalogSupport.sorted(apiMs.get(i)), r = CatalogSupport.sorted(baseMs.get(i)), c = CatalogSupport.sorted(countMs.get(i));
            out("| %s | %d | %d | %.1f / %.1f | %.1f / %.1f | %.3f | %.1f | %.1f / %.1f | %.1f / %.1f | %s | %.3f |", bucketName(i), inBucket,
                    e.length, CatalogSupport.pct(e, 50), CatalogSupport.pct(e, 95), CatalogSupport.pct(h, 50), CatalogSupport.pct(h, 95),
                    CatalogSupport.mean(indexRecall.get(i)), CatalogSupport.pct(c, 50), CatalogSupport.pct(a, 50), CatalogSupport.pct(a, 95),
                    CatalogSupport.pct(r, 50), CatalogSupport.pct(r, 95), apiStrategies.get(i), CatalogSupport.mean(apiRecall.get(i)));
        }
        out("");
        double[] a = CatalogSupport.sorted(allApi), r = CatalogSupport.sorted(allBase);
        out("All tenants, vector mode, through the API (1 client): %s; recall@10 %.4f", CatalogSupport.summary(allApi),
                CatalogSupport.mean(allApiRecall));
        out("Same statements directly (the strategy the API chose, 1 client): %s", CatalogSupport.summary(allBase));
        out("Ratio API / SQL: p50 %.2fx, p95 %.2fx; load average %s", CatalogSupport.pct(a, 50) / CatalogSupport.pct(r, 50),
                CatalogSupport.pct(a, 95) / CatalogSupport.pct(r, 95), loadAverage());

        // Hybrid: the product's name words as the query text, with the same kind of ready vector.
        List<Double> hybridApi = new ArrayList<>(), hybridBase = new ArrayList<>(), hybridRecall = new ArrayList<>();
        int hybridQueries = Math.max(1, queries / 2);
        for (int q = 0; q < hybridQueries; q++) {
            int t = q % tenants;
            UUID tenant = tenant(t);
            int base = random.nextInt(corpus.size());
            float[] v = CatalogSupport.perturb(corpus.vectors()[base], sigma, random);
            String text = corpus.names().get(base);
            Timed exact = raw(pool, tenant, v, text, "exact");
            Timed sql, viaApi;
            if (q % 2 == 0) {
                sql = raw(pool, tenant, v, text, "auto");
                viaApi = viaApi(tokens.get(tenant), hybridBody(v, text));
            } else {
                viaApi = viaApi(tokens.get(tenant), hybridBody(v, text));
                sql = raw(pool, tenant, v, text, "auto");
            }
            hybridApi.add(viaApi.ms());
            hybridBase.add(sql.ms());
            hybridRecall.add(recall(viaApi.ids(), exact.ids()));
        }
        a = CatalogSupport.sorted(hybridApi);
        r = CatalogSupport.sorted(hybridBase);
        out("");
        out("Hybrid (the product's name as text + a ready vector; full text, trigram, vector, fusion), %d queries round robin:",
                hybridQueries);
        out("  API: %s; recall@10 against the exact hybrid %.4f", CatalogSupport.summary(hybridApi), CatalogSupport.mean(hybridRecall));
        out("  SQL: %s", CatalogSupport.summary(hybridBase));
        out("  Ratio API / SQL: p50 %.2fx, p95 %.2fx; load average %s", CatalogSupport.pct(a, 50) / CatalogSupport.pct(r, 50),
                CatalogSupport.pct(a, 95) / CatalogSupport.pct(r, 95), loadAverage());
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    // =================================================================================== threshold

    /** Exact against index on single tenants of chosen sizes: latency and recall, and the plan the index strategy got. */
    void threshold() throws Exception {
        ProductCache.Corpus corpus = corpus();
        int[] sizes = sizes();
        Vertx vertx = Vertx.vertx();
        Pool pool = rawPool(vertx, 2);
        Random random = new Random(23);
        long[] targets = { 2_000, 5_000, 10_000, 15_000, 20_000, 25_000, 35_000, 50_000, 100_000, Long.MAX_VALUE };
        List<Integer> chosen = new ArrayList<>();
        for (long target : targets) {
            int best = 0;
            for (int t = 0; t < tenants; t++) {
                if (Math.abs((long) sizes[t] - Math.min(target, sizes[0])) < Math.abs((long) sizes[best] - Math.min(target, sizes[0]))) {
                    best = t;
                }
            }
            if (!chosen.contains(best)) {
                chosen.add(best);
            }
        }
        out("## Threshold: exact against the HNSW index, one tenant at a time, %d queries each (SQL as the service sends it, "
                + "count included); load average %s", thresholdQueries, loadAverage());
        out("");
        out("| active versions of the tenant | exact p50 / p95 ms | index p50 / p95 ms | index recall@10 | index hits returned (mean) | index plan (EXPLAIN: custom, generic) |");
        out("|---|---|---|---|---|---|");
        for (int t : chosen) {
            UUID tenant = tenant(t);
            for (int w = 0; w < 3; w++) {
                float[] v = CatalogSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random);
                raw(pool, tenant, v, null, "exact");
                raw(pool, tenant, v, null, "index");
            }
            List<Double> e = new ArrayList<>(), h = new ArrayList<>(), rec = new ArrayList<>(), found = new ArrayList<>();
            for (int q = 0; q < thresholdQueries; q++) {
                float[] v = CatalogSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random);
                Timed exact, index;
                if (q % 2 == 0) {
                    exact = raw(pool, tenant, v, null, "exact");
                    index = raw(pool, tenant, v, null, "index");
                } else {
                    index = raw(pool, tenant, v, null, "index");
                    exact = raw(pool, tenant, v, null, "exact");
                }
                e.add(exact.ms());
                h.add(index.ms());
                rec.add(recall(index.ids(), exact.ids()));
                found.add((double) index.ids().size());
            }
            String plan = plan(pool, tenant, CatalogSupport.perturb(corpus.vectors()[random.nextInt(corpus.size())], sigma, random));
            double[] es = CatalogSupport.sorted(e), hs = CatalogSupport.sorted(h);
            out("| %,d | %.1f / %.1f | %.1f / %.1f | %.3f | %.1f | %s |", sizes[t], CatalogSupport.pct(es, 50), CatalogSupport.pct(es, 95),
                    CatalogSupport.pct(hs, 50), CatalogSupport.pct(hs, 95), CatalogSupport.mean(rec), CatalogSupport.mean(found), plan);
        }
        out("load average at the end %s", loadAverage());
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    /** Which access path the index strategy's statement got (EXPLAIN ANALYZE as the runtime role, tenant bound). */
    String plan(Pool pool, UUID tenant, float[] v) {
        return "custom: " + plan(pool, tenant, v, "auto") + "; generic: " + plan(pool, tenant, v, "force_generic_plan");
    }

    String plan(Pool pool, UUID tenant, float[] v, String planCacheMode) {
        BenchSql.Statement st = BenchSql.search(tenant, VectorCodec.toSql(v), MODEL, null, false, TRIGRAM, TEXT_CAP, TEXT_WINDOW,
                CANDIDATES, RRF_K, 10);
        // The generic plan (the one a cached statement may get after five runs, not knowing the tenant): a
        // PREPARE under plan_cache_mode force_generic_plan, explained through EXECUTE (PostgreSQL 15 has no
        // EXPLAIN (GENERIC_PLAN)). Vector mode's parameters: tenant, vector, model, candidates, k, limit.
        String explain = planCacheMode.equals("auto") ? "EXPLAIN (ANALYZE, COSTS OFF) " + st.sql()
                : "EXPLAIN (ANALYZE, COSTS OFF) EXECUTE bench_generic('" + tenant + "', '" + VectorCodec.toSql(v) + "', '" + MODEL + "', "
                        + CANDIDATES + ", " + RRF_K + ", 10)";
        List<String> lines = pool.withTransaction(conn -> conn.preparedQuery("SELECT set_config('app.tenant_id', $1, true), "
                + "set_config('hnsw.ef_search', $2, true), set_config('plan_cache_mode', $3, true)")
                .execute(Tuple.of(tenant.toString(), Integer.toString(EF_SEARCH), planCacheMode))
                .flatMap(x -> planCacheMode.equals("auto") ? conn.preparedQuery(explain).execute(st.params())
                        : conn.query("PREPARE bench_generic AS " + st.sql()).execute()
                                .flatMap(y -> conn.query(explain).execute())
                                .call(rows -> conn.query("DEALLOCATE bench_generic").execute())))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(row -> out.add(row.getString(0)));
                    return out;
                }).await().atMost(Duration.ofMinutes(2));
        System.out.println("=== plan (" + planCacheMode + "), tenant " + tenant);
        lines.forEach(l -> System.out.println(l.length() > 200 ? l.substring(0, 200) : l));
        String all = String.join("\n", lines);
        return all.contains("idx_version_active_embedding") ? "HNSW walk" : "no HNSW (" + (all.contains("Sort") ? "scan + sort" : "other") + ")";
    }

    // =================================================================================== price

    void price() throws Exception {
        Map<UUID, String> tokens = tokens("viewer");
        int[] sizes = sizes();
        // A sample of variants, five per tenant (every third has a channel price: source channel, else default).
        List<UUID[]> sample = new ArrayList<>();
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int t = 0; t < tenants; t++) {
                s.execute("SELECT set_config('app.tenant_id', '" + tenant(t) + "', true)");
                try (ResultSet rs = s.executeQuery("SELECT id FROM tenant_offering_variant WHERE tenant_id = '" + tenant(t)
                        + "' AND sku IN ('SKU-0', 'SKU-" + sizes[t] / 3 + "', 'SKU-" + sizes[t] / 2 + "', 'SKU-" + (sizes[t] - 1) + "', 'SKU-"
                        + sizes[t] / 7 + "')")) {
                    while (rs.next()) {
                        sample.add(new UUID[] { tenant(t), (UUID) rs.getObject(1) });
                    }
                }
                c.commit();
            }
        }
        Vertx vertx = Vertx.vertx();
        Pool pool = rawPool(vertx, 2);
        Instant at = Instant.now();
        String query = "?channel=web&currency=VND&at=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
        out("## Price resolution: %d variants sampled over %d tenants, %d requests each way, alternating; load average %s", sample.size(),
                tenants, priceRequests, loadAverage());
        List<Double> apiMs = new ArrayList<>(), sqlMs = new ArrayList<>();
        Map<String, Integer> sources = new LinkedHashMap<>();
        for (int i = 0; i < priceRequests + 200; i++) {
            UUID[] pick = sample.get(i % sample.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/variants/" + pick[1] + "/price" + query))
                    .header("Authorization", "Bearer " + tokens.get(pick[0])).GET().build();
            double a, b;
            Optional<String> found;
            HttpResponse<String> response;
            if (i % 2 == 0) {
                long t0 = System.nanoTime();
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
                a = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                found = resolve(pool, pick[0], pick[1], at);
                b = (System.nanoTime() - t0) / 1e6;
            } else {
                long t0 = System.nanoTime();
                found = resolve(pool, pick[0], pick[1], at);
                b = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
                a = (System.nanoTime() - t0) / 1e6;
            }
            if (response.statusCode() != 200 || found.isEmpty()) {
                throw new IllegalStateException("price of " + pick[1] + ": " + response.statusCode() + " " + response.body() + " / " + found);
            }
            JsonNode json = JSON.readTree(response.body());
            String sqlAnswer = found.get();
            if (!sqlAnswer.endsWith(json.get("source").asText())) {
                throw new IllegalStateException("API and SQL disagree: " + response.body() + " / " + sqlAnswer);
            }
            if (i >= 200) { // the first 200 are the warm-up
                apiMs.add(a);
                sqlMs.add(b);
                sources.merge(json.get("source").asText(), 1, Integer::sum);
            }
        }
        double[] a = CatalogSupport.sorted(apiMs), r = CatalogSupport.sorted(sqlMs);
        out("API GET /v1/variants/{id}/price: %s (sources %s)", CatalogSupport.summary(apiMs), sources);
        out("Same three statements directly (tenant bound, one transaction): %s", CatalogSupport.summary(sqlMs));
        out("Ratio API / SQL: p50 %.2fx, p95 %.2fx; load average %s", CatalogSupport.pct(a, 50) / CatalogSupport.pct(r, 50),
                CatalogSupport.pct(a, 95) / CatalogSupport.pct(r, 95), loadAverage());
        pool.close().await().indefinitely();
        vertx.close().await().indefinitely();
    }

    Optional<String> resolve(Pool pool, UUID tenant, UUID variant, Instant at) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                "SELECT set_config('app.tenant_id', $1, true), set_config('app.platform_admin', $2, true)")
                .execute(Tuple.of(tenant.toString(), "off"))
                .flatMap(x -> BenchPrices.resolve(conn, tenant, variant, "web", "VND", at))).await().atMost(Duration.ofMinutes(1));
    }

    // =================================================================================== import

    void importRate() throws Exception {
        ProductCache.Corpus corpus = corpus();
        PrivateKey key = CatalogSupport.keys(work.resolve("keys")).getPrivate();
        UUID apiTenant = UUID.randomUUID(), copyTenant = UUID.randomUUID();
        String admin = CatalogSupport.token(key, apiTenant, "tenant-admin");
        Random random = new Random(31);
        // The same rows both ways: a new offering each (its name and description from the corpus), a
        // variant, its price in list "retail", its stock at location "hcm".
        int[] bases = new int[importRows];
        long[] amounts = new long[importRows];
        int[] stock = new int[importRows];
        StringBuilder csv = new StringBuilder("code,offering_type,name,description,sku,price_list,amount,location,stock_qty\n");
        for (int i = 0; i < importRows; i++) {
            bases[i] = random.nextInt(corpus.size());
            amounts[i] = (50 + random.nextInt(50_000)) * 1000L;
            stock[i] = 1 + random.nextInt(20);
            csv.append("imp-").append(i).append(',').append(corpus.types().get(bases[i])).append(',').append(csvField(corpus.names().get(bases[i])))
                    .append(',').append(csvField(corpus.descriptions().get(bases[i]))).append(",IMP-").append(i).append(",retail,")
                    .append(amounts[i]).append(",hcm,").append(stock[i]).append('\n');
        }
        out("## Import: %,d CSV rows (each a new offering, published, a variant, a price, stock) into a tenant of the loaded database; "
                + "load average %s", importRows, loadAverage());
        post(admin, "/v1/price-lists", "{\"code\":\"retail\",\"currency\":\"VND\"}");
        post(admin, "/v1/inventory/locations", "{\"code\":\"hcm\",\"type\":\"warehouse\"}");
        long t0 = System.nanoTime();
        HttpRequest upload = HttpRequest.newBuilder(URI.create(api + "/v1/import-jobs?kind=offerings"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build();
        HttpResponse<String> created = http.send(upload, HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + created.statusCode() + ": " + created.body());
        }
        String job = JSON.readTree(created.body()).get("id").asText();
        JsonNode status;
        do {
            Thread.sleep(200);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/v1/import-jobs/" + job))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            status = JSON.readTree(r.body());
        } while (status.get("status").asText().equals("pending") || status.get("status").asText().equals("processing"));
        double apiSec = (System.nanoTime() - t0) / 1e9;
        out("API POST /v1/import-jobs (CSV) to %s: %,d rows, %d errors, %.1f s = %.1f rows/s; load average %s",
                status.get("status").asText(), importRows, status.get("error_count").asInt(), apiSec, importRows / apiSec, loadAverage());

        // The same rows by COPY, as the owner, in one transaction (the HNSW and GIN indexes maintained);
        // the vector is the model's embedding of the same text (the corpus cache), not computed here.
        double copySec;
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            forceRowSecurity(s, false);
            try {
                c.setAutoCommit(false);
                long c0 = System.nanoTime();
                UUID list = UUID.randomUUID(), location = UUID.randomUUID();
                s.execute("INSERT INTO tenant_price_list (id, tenant_id, code, currency) VALUES ('" + list + "', '" + copyTenant
                        + "', 'retail', 'VND')");
                s.execute("INSERT INTO tenant_inventory_location (id, tenant_id, code, type) VALUES ('" + location + "', '" + copyTenant
                        + "', 'hcm', 'warehouse')");
                var copyApi = c.unwrap(PGConnection.class).getCopyAPI();
                Instant now = Instant.now();
                UUID[] offeringIds = new UUID[importRows], variantIds = new UUID[importRows];
                CopyIn copy = copyApi.copyIn("COPY tenant_offering (id, tenant_id, offering_type, code, status, created_at, updated_at) "
                        + "FROM STDIN (FORMAT binary)");
                CatalogSupport.BinaryCopy rows = new CatalogSupport.BinaryCopy();
                write(copy, rows.header());
                for (int i = 0; i < importRows; i++) {
                    offeringIds[i] = CatalogSupport.uuidV7(now.toEpochMilli(), random);
                    rows.tuple(7);
                    rows.uuid(offeringIds[i]);
                    rows.uuid(copyTenant);
                    rows.text(corpus.types().get(bases[i]));
                    rows.text("imp-" + i);
                    rows.text("active");
                    rows.timestamptz(now);
                    rows.timestamptz(now);
                }
                finish(copy, rows);
                copy = copyApi.copyIn("COPY tenant_offering_version (id, tenant_id, offering_id, version, name, description, status, embedding, "
                        + "embedding_model, published_at, created_at, updated_at) FROM STDIN (FORMAT binary)");
                write(copy, rows.header());
                for (int i = 0; i < importRows; i++) {
                    rows.tuple(12);
                    rows.uuid(CatalogSupport.uuidV7(now.toEpochMilli(), random));
                    rows.uuid(copyTenant);
                    rows.uuid(offeringIds[i]);
                    rows.int4(1);
                    rows.text(corpus.names().get(bases[i]));
                    rows.text(corpus.descriptions().get(bases[i]));
                    rows.text("active");
                    rows.vector(corpus.vectors()[bases[i]]);
                    rows.text(MODEL);
                    rows.timestamptz(now);
                    rows.timestamptz(now);
                    rows.timestamptz(now);
                }
                finish(copy, rows);
                StringBuilder variants = new StringBuilder(), prices = new StringBuilder(), items = new StringBuilder();
                for (int i = 0; i < importRows; i++) {
                    variantIds[i] = CatalogSupport.uuidV7(now.toEpochMilli(), random);
                    variants.append(variantIds[i]).append('\t').append(copyTenant).append('\t').append(offeringIds[i]).append("\tIMP-").append(i)
                            .append('\n');
                    prices.append(CatalogSupport.uuidV7(now.toEpochMilli(), random)).append('\t').append(copyTenant).append('\t').append(list)
                            .append('\t').append(variantIds[i]).append("\tVND\t").append(amounts[i]).append('\n');
                    items.append(CatalogSupport.uuidV7(now.toEpochMilli(), random)).append('\t').append(copyTenant).append('\t')
                            .append(variantIds[i]).append('\t').append(location).append('\t').append(stock[i]).append("\t0\n");
                }
                copyText(copyApi, "COPY tenant_offering_variant (id, tenant_id, offering_id, sku) FROM STDIN", variants);
                copyText(copyApi, "COPY tenant_variant_price (id, tenant_id, price_list_id, variant_id, currency, amount) FROM STDIN", prices);
                copyText(copyApi, "COPY tenant_inventory_item (id, tenant_id, variant_id, location_id, stock_qty, safety_stock) FROM STDIN",
                        items);
                c.commit();
                copySec = (System.nanoTime() - c0) / 1e9;
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                forceRowSecurity(s, true);
            }
            out("COPY of the same rows (offering, version with its ready vector, variant, price, stock; one transaction, indexes maintained): "
                    + "%,d rows in %.2f s = %,.0f rows/s", importRows, copySec, importRows / copySec);
            out("Ratio import / COPY (rows/s): %.4fx; COPY is %.0fx faster; load average %s", (importRows / apiSec) / (importRows / copySec),
                    apiSec / copySec, loadAverage());
            // Leave the loaded data set as it was.
            c.setAutoCommit(false);
            for (UUID t : List.of(apiTenant, copyTenant)) {
                s.execute("SELECT set_config('app.tenant_id', '" + t + "', true)");
                s.execute("DELETE FROM tenant_offering WHERE tenant_id = '" + t + "'");
                s.execute("DELETE FROM tenant_price_list WHERE tenant_id = '" + t + "'");
                s.execute("DELETE FROM tenant_inventory_location WHERE tenant_id = '" + t + "'");
                s.execute("DELETE FROM migration_job WHERE tenant_id = '" + t + "'");
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    void post(String token, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
