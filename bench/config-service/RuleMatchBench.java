import dev.agentry.embedding.onnx.OnnxEmbeddingProvider;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rule matching at scale: T tenants, each with one agent of R rules, vectors grown from real
 * embeddings of ~2,900 rule sentences by small random perturbations (never uniform random
 * vectors: recall on those says nothing). Measures the API (exact, index, auto) and the same SQL
 * over JDBC in the same run, p50/p95 and recall@10 against exact search. Run with run.sh.
 */
public class RuleMatchBench {

    static final String MODEL = "bge-small-en-v1.5-q";
    static final int DIMS = 384;
    static final int TOP_K = 10;
    static final float NOISE = 0.01f;
    static final Duration MEASURE_BUDGET = Duration.ofMinutes(10);

    // The SQL of RuleStore.match, verbatim (without the column list the API returns): exact and index.
    static final String ELIGIBLE = "r.tenant_id = ?::uuid AND r.agent_id = ?::uuid AND r.deleted_at IS NULL AND r.enabled "
            + "AND r.embedding_model = ? AND (r.scope = 'global' OR (r.scope = 'scenario' AND r.scope_id = ?::uuid) "
            + "OR (r.scope = 'step' AND r.scope_id = ?::uuid AND r.scope_step_id = ?))";
    static final String EXACT_SQL = "SELECT r.id, 1 - (r.condition_embedding <=> ?::vector) AS score FROM rules r WHERE " + ELIGIBLE
            + " ORDER BY score DESC, r.priority DESC, r.id LIMIT ?";
    static final String INDEX_SQL = "WITH c AS MATERIALIZED (SELECT r.id, r.priority, r.condition_embedding <=> ?::vector AS distance "
            + "FROM rules r WHERE " + ELIGIBLE + " ORDER BY r.condition_embedding <=> ?::vector LIMIT ?) "
            + "SELECT id, 1 - distance AS score FROM c ORDER BY distance, priority DESC, id LIMIT ?";

    /** The request field of the query vector. */
    static String vectorField = "embedding";

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int tenants = Integer.parseInt(a.getOrDefault("tenants", "100"));
        int rules = Integer.parseInt(a.getOrDefault("rules", "10000"));
        int queries = Integer.parseInt(a.getOrDefault("queries", "200"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "2"));
        int apiWarmup = Integer.parseInt(a.getOrDefault("api-warmup", "1200"));
        String baseUrl = a.getOrDefault("base-url", "http://127.0.0.1:18081");
        String db = a.getOrDefault("db", "agentry_bench");
        // "vector" (deprecated since issue 11, still read) to compare with a build from before it.
        vectorField = a.getOrDefault("vector-field", "embedding");
        Path cache = Path.of(a.getOrDefault("cache", "bench/.cache/config-service"));
        PrivateKey key = privateKey(Path.of(a.get("private-key")));

        System.out.printf(Locale.ROOT, "# rule match: %d tenants x %d rules = %,d rows, %d queries per mode, concurrency %d, %d cpus%n",
                tenants, rules, (long) tenants * rules, queries, concurrency, Runtime.getRuntime().availableProcessors());
        List<String> sentences = ruleSentences();
        List<String> querySentences = querySentences();
        float[][] base = embedCached(cache.resolve("rules.f32"), sentences);
        float[][] queryVectors = embedCached(cache.resolve("queries.f32"), querySentences);
        System.out.printf(Locale.ROOT, "embedded: %d rule sentences, %d query sentences (cached in %s)%n", base.length,
                queryVectors.length, cache);

        String superUrl = "jdbc:postgresql://127.0.0.1:5432/" + db;
        try (Connection c = DriverManager.getConnection(superUrl, "postgres", "")) {
            load(c, tenants, rules, base);
        }
        // prepareThreshold=0: every execution planned with its own parameters, as the service's
        // reactive client does. (pgjdbc's default server-side prepare after 5 uses lets PostgreSQL
        // switch to a generic plan, which for this query was a 400 ms plan instead of a 35 ms one.)
        String appUrl = superUrl + "?prepareThreshold=0&options=" + java.net.URLEncoder.encode("-c search_path=config,public -c hnsw.iterative_scan=relaxed_order",
                StandardCharsets.UTF_8);

        List<UUID> tenantIds = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            tenantIds.add(tenantId(t));
        }
        // One query: a tenant and a query vector; the same list for every mode.
        List<int[]> plan = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < queries; i++) {
            plan.add(new int[] { random.nextInt(tenants), random.nextInt(queryVectors.length) });
        }
        Map<String, String> tokens = new HashMap<>();
        for (UUID t : tenantIds) {
            tokens.put(t.toString(), jwt(key, t));
        }

        // Warm the caches once over the whole plan (unrecorded), so that the first mode measured
        // does not pay for cold pages that the later ones find warm.
        sql(appUrl, plan, tenantIds, queryVectors, false, concurrency);
        Result sqlExact = sql(appUrl, plan, tenantIds, queryVectors, false, concurrency);
        Result sqlIndex = sql(appUrl, plan, tenantIds, queryVectors, true, concurrency);
        // The service is a fresh JVM: its request path is still interpreted or C1-compiled where the
        // JDBC client above has run the plan twice. Warm it with whole unrecorded passes of the plan,
        // each strategy in turn, until --api-warmup requests have been served (run.sh: 8,000; on 2 cores C2 was
        // still compiling this path, 0.4 s of CPU per 200 requests, after 1,900).
        for (int served = 0, pass = 0; served < apiWarmup; served += plan.size(), pass++) {
            api(baseUrl, plan, tenantIds, queryVectors, tokens, pass % 2 == 0 ? "exact" : "index", concurrency);
        }
        Result apiIndex = api(baseUrl, plan, tenantIds, queryVectors, tokens, "index", concurrency);
        Result apiExact = api(baseUrl, plan, tenantIds, queryVectors, tokens, "exact", concurrency);
        Result apiAuto = api(baseUrl, plan, tenantIds, queryVectors, tokens, "auto", concurrency);

        System.out.println();
        System.out.println("| path | strategy | n | p50 ms | p95 ms | mean ms | recall@10 vs exact SQL |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Result r : List.of(sqlExact, sqlIndex, apiExact, apiIndex, apiAuto)) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %.3f |%n", r.path, r.strategy, r.latencies.size(),
                    pct(r.latencies, 50), pct(r.latencies, 95), r.latencies.stream().mapToDouble(d -> d).average().orElse(0),
                    recall(r, sqlExact));
        }
        System.out.printf(Locale.ROOT, "%nAPI auto chose: %s%n", apiAuto.chosen);
    }

    record Result(String path, String strategy, List<Double> latencies, List<List<String>> ids, Set<String> chosen) {
    }

    // ------------------------------------------------------------------------------------ load

    static void load(Connection c, int tenants, int rules, float[][] base) throws Exception {
        long expected = (long) tenants * rules;
        try (Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM config.tenants WHERE slug LIKE 'bench-%'), "
                    + "(SELECT count(*) FROM config.rules)");
            rs.next();
            if (rs.getLong(1) == tenants && rs.getLong(2) == expected) {
                System.out.printf(Locale.ROOT, "data already loaded: %,d rules%n", expected);
                return;
            }
            s.execute("TRUNCATE config.tenants CASCADE");
            s.execute("DROP INDEX IF EXISTS config.idx_rules_embedding");
        }
        long start = System.nanoTime();
        c.setAutoCommit(false);
        try (PreparedStatement t = c.prepareStatement("INSERT INTO config.tenants (id, name, slug, max_agents, max_daily_requests, "
                + "max_monthly_tokens, audit_retention_days) VALUES (?, ?, ?, 10, 1000000, 1000000000, 30)");
                PreparedStatement ag = c.prepareStatement("INSERT INTO config.agents (id, tenant_id, name, slug) VALUES (?, ?, 'Bench', 'bench')")) {
            for (int i = 0; i < tenants; i++) {
                t.setObject(1, tenantId(i));
                t.setString(2, "Bench " + i);
                t.setString(3, "bench-" + i);
                t.addBatch();
                ag.setObject(1, agentId(i));
                ag.setObject(2, tenantId(i));
                ag.addBatch();
            }
            t.executeBatch();
            ag.executeBatch();
        }
        c.commit();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY config.rules (id, tenant_id, agent_id, name, "
                + "condition_text, condition_embedding, embedding_model, action_type) FROM STDIN");
        Random random = new Random(7);
        StringBuilder line = new StringBuilder(8192);
        for (int tIdx = 0; tIdx < tenants; tIdx++) {
            for (int r = 0; r < rules; r++) {
                int b = (r * 31 + tIdx * 17) % base.length;
                line.setLength(0);
                line.append(new UUID(random.nextLong(), random.nextLong())).append('\t').append(tenantId(tIdx)).append('\t')
                        .append(agentId(tIdx)).append('\t').append("rule-").append(r).append('\t').append("sentence ").append(b)
                        .append('\t').append('[');
                float[] v = perturb(base[b], random);
                for (int d = 0; d < v.length; d++) {
                    if (d > 0) {
                        line.append(',');
                    }
                    line.append(v[d]);
                }
                line.append("]\t").append(MODEL).append("\trespond\n");
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
            }
        }
        copy.endCopy();
        c.commit();
        System.out.printf(Locale.ROOT, "loaded %,d rules with COPY in %.0f s%n", expected, (System.nanoTime() - start) / 1e9);
        c.setAutoCommit(true);
        long indexStart = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '3GB'");
            s.execute("SET max_parallel_maintenance_workers = 1");
            s.execute("CREATE INDEX idx_rules_embedding ON config.rules USING hnsw (condition_embedding vector_cosine_ops) "
                    + "WHERE deleted_at IS NULL AND enabled");
            s.execute("ANALYZE config.rules");
        }
        System.out.printf(Locale.ROOT, "built the HNSW index (m=16, ef_construction=64) in %.0f s%n", (System.nanoTime() - indexStart) / 1e9);
    }

    static float[] perturb(float[] v, Random random) {
        float[] out = new float[v.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] + (float) random.nextGaussian() * NOISE;
            norm += out[i] * out[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            out[i] *= inv;
        }
        return out;
    }

    static UUID tenantId(int i) {
        return new UUID(0x0190_0000_0000_7000L, 0x8000_0000_0000_0000L | i);
    }

    static UUID agentId(int i) {
        return new UUID(0x0190_0000_0001_7000L, 0x8000_0000_0000_0000L | i);
    }

    // ------------------------------------------------------------------------------------ measure

    static Result sql(String url, List<int[]> plan, List<UUID> tenants, float[][] queries, boolean index, int concurrency) throws Exception {
        // One connection per worker, like the service's pool: taken for a query, given back after it.
        java.util.concurrent.BlockingQueue<Connection> connections = new java.util.concurrent.LinkedBlockingQueue<>();
        for (int i = 0; i < concurrency; i++) {
            Connection c = DriverManager.getConnection(url, "agentry_app", "agentry_app");
            c.setAutoCommit(false);
            connections.add(c);
        }
        Result r = run("SQL (JDBC)", index ? "index" : "exact", plan, concurrency, q -> {
            Connection c = connections.take();
            try {
                return sqlQuery(c, q, tenants, queries, index);
            } finally {
                connections.add(c);
            }
        });
        for (Connection c : connections) {
            c.close();
        }
        return r;
    }

    static Sample sqlQuery(Connection c, int[] q, List<UUID> tenants, float[][] queries, boolean index) throws Exception {
        {
            UUID tenant = tenants.get(q[0]);
            String vector = Arrays.toString(queries[q[1]]).replace(" ", "");
            List<String> ids = new ArrayList<>();
            long start = System.nanoTime();
            try (PreparedStatement bind = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                bind.setString(1, tenant.toString());
                bind.execute();
            }
            if (index) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT set_config('hnsw.ef_search', '100', true), set_config('enable_sort', 'off', true), "
                            + "set_config('jit', 'off', true)");
                }
            }
            try (PreparedStatement p = c.prepareStatement(index ? INDEX_SQL : EXACT_SQL)) {
                int i = 1;
                p.setString(i++, vector);
                p.setString(i++, tenant.toString());
                p.setString(i++, agentId(q[0]).toString());
                p.setString(i++, MODEL);
                p.setString(i++, null);
                p.setString(i++, null);
                p.setString(i++, null);
                if (index) {
                    p.setString(i++, vector);
                    p.setInt(i++, TOP_K);
                }
                p.setInt(i, TOP_K);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            c.commit();
            return new Sample((System.nanoTime() - start) / 1e6, ids, index ? "index" : "exact");
        }
    }

    static Result api(String baseUrl, List<int[]> plan, List<UUID> tenants, float[][] queries, Map<String, String> tokens, String strategy,
            int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Pattern idPattern = Pattern.compile("\"rule\":\\{\"id\":\"([0-9a-f-]{36})\"");
        Pattern strategyPattern = Pattern.compile("\"strategy\":\"([a-z]+)\"");
        return run("API (HTTP)", strategy, plan, concurrency, q -> {
            UUID tenant = tenants.get(q[0]);
            String body = "{\"" + vectorField + "\":" + Arrays.toString(queries[q[1]]).replace(" ", "") + ",\"embedding_model\":\"" + MODEL
                    + "\",\"top_k\":" + TOP_K + ",\"strategy\":\""
                    + strategy + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/agents/" + agentId(q[0]) + "/rules/match"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + tokens.get(tenant.toString()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            List<String> ids = new ArrayList<>();
            Matcher m = idPattern.matcher(response.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
            Matcher s = strategyPattern.matcher(response.body());
            return new Sample(ms, ids, s.find() ? s.group(1) : "?");
        });
    }

    record Sample(double ms, List<String> ids, String strategy) {
    }

    interface Query {
        Sample run(int[] q) throws Exception;
    }

    /** Warms up, then runs every planned query once with {@code concurrency} workers, within the time budget. */
    static Result run(String path, String strategy, List<int[]> plan, int concurrency, Query query) throws Exception {
        for (int i = 0; i < Math.min(20, plan.size()); i++) {
            query.run(plan.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + MEASURE_BUDGET.toNanos();
        List<Future<Sample>> futures = new ArrayList<>();
        for (int[] q : plan) {
            futures.add(pool.submit(() -> System.nanoTime() > deadline ? null : query.run(q)));
        }
        List<Double> latencies = new ArrayList<>();
        List<List<String>> ids = new ArrayList<>();
        Set<String> chosen = new HashSet<>();
        for (Future<Sample> f : futures) {
            Sample s = f.get();
            if (s != null) {
                latencies.add(s.ms());
                ids.add(s.ids());
                chosen.add(s.strategy());
            } else {
                ids.add(null);
            }
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%s %s: %d queries, p50 %.1f ms (load average %s)%n", path, strategy, latencies.size(),
                pct(latencies, 50), loadAverage());
        return new Result(path, strategy, latencies, ids, chosen);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double recall(Result r, Result exact) {
        long hit = 0;
        long total = 0;
        for (int i = 0; i < r.ids.size(); i++) {
            if (r.ids.get(i) == null || exact.ids.get(i) == null) {
                continue;
            }
            Set<String> truth = new HashSet<>(exact.ids.get(i));
            total += truth.size();
            hit += r.ids.get(i).stream().filter(truth::contains).count();
        }
        return total == 0 ? Double.NaN : (double) hit / total;
    }

    // ------------------------------------------------------------------------------------ text

    static float[][] embedCached(Path file, List<String> texts) throws Exception {
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                int n = in.readInt();
                if (n == texts.size()) {
                    float[][] out = new float[n][DIMS];
                    for (float[] v : out) {
                        for (int d = 0; d < DIMS; d++) {
                            v[d] = in.readFloat();
                        }
                    }
                    return out;
                }
            }
        }
        Files.createDirectories(file.getParent());
        long start = System.nanoTime();
        float[][] out = new float[texts.size()][];
        try (OnnxEmbeddingProvider provider = new OnnxEmbeddingProvider(2, 8000, file.getParent().resolve("model"))) {
            for (int i = 0; i < texts.size(); i += 64) {
                List<float[]> batch = provider.embedAll(texts.subList(i, Math.min(texts.size(), i + 64))).await().atMost(Duration.ofMinutes(5));
                for (int j = 0; j < batch.size(); j++) {
                    out[i + j] = batch.get(j);
                }
            }
        }
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(file))) {
            o.writeInt(out.length);
            for (float[] v : out) {
                for (float x : v) {
                    o.writeFloat(x);
                }
            }
        }
        System.out.printf(Locale.ROOT, "embedded %d texts in %.0f s%n", texts.size(), (System.nanoTime() - start) / 1e9);
        return out;
    }

    static final String[] SUBJECTS = { "The customer", "A returning shopper", "The caller", "A new user" };
    static final String[] INTENTS = { "asks for a refund", "wants their money back", "wants to return a product", "asks where their parcel is",
            "asks when the order will be delivered", "wants to change the delivery address", "wants to cancel an order",
            "reports a damaged item", "reports a missing item in the box", "cannot log in to their account", "forgot their password",
            "wants to delete their account", "asks to update their email address", "asks for a copy of an invoice",
            "asks about VAT on the invoice", "wants to pay in instalments", "reports a failed card payment", "was charged twice",
            "asks about the warranty", "wants a product repaired", "asks about opening hours of the store", "asks where the nearest shop is",
            "wants to book an appointment", "wants to reschedule an appointment", "asks about the loyalty programme",
            "wants to redeem reward points", "asks for a discount code", "complains that a coupon does not work",
            "asks whether an item is in stock", "wants to be notified when an item is back", "asks about product sizes",
            "asks which size to choose", "asks about the material of a product", "asks whether a product is vegan",
            "asks about shipping to another country", "asks about customs fees", "wants express delivery", "asks about gift wrapping",
            "wants to speak to a human agent", "is angry and wants to complain about the staff", "threatens to leave a bad review",
            "asks about data privacy", "wants to unsubscribe from newsletters", "asks about the return policy",
            "asks how long a refund takes", "asks about a price match", "reports a bug in the mobile app", "cannot find the order confirmation",
            "asks to split a delivery", "asks about bulk orders for a company", "asks about student discounts",
            "wants to change the payment method", "asks about subscription renewal", "wants to pause a subscription",
            "asks about installation service", "asks for assembly instructions", "reports a safety issue with a product",
            "asks about a recall notice", "wants to add an item to an existing order", "asks whether the store accepts cash" };
    static final String[] CONTEXTS = { "", " for an order placed last week", " after the item arrived damaged", " for a gift",
            " and is in a hurry", " for the second time this month", " on the mobile app", " by email", " before the weekend",
            " for a business account", " in a polite way", " and mentions a tracking number" };

    static List<String> ruleSentences() {
        List<String> out = new ArrayList<>();
        for (String s : SUBJECTS) {
            for (String i : INTENTS) {
                for (String c : CONTEXTS) {
                    out.add(s + " " + i + c + ".");
                }
            }
        }
        return out;
    }

    static List<String> querySentences() {
        return List.of("I want a refund", "Where is my package?", "my parcel has not arrived yet", "I forgot my password",
                "I can't sign in", "can I get my money back for these shoes", "please cancel my order", "the box was empty",
                "the vase arrived broken", "I need an invoice for my company", "you charged my card twice", "is this jacket in stock in M",
                "which size should I take", "do you ship to Vietnam", "how much are customs fees", "I want to talk to a real person",
                "your staff was rude", "delete my account and my data", "stop sending me emails", "how long does a refund take",
                "do you match prices", "the app crashes when I pay", "can I pay later in three parts", "my coupon is not working",
                "when are you open on Sunday", "book me an appointment for Tuesday", "I need to move my appointment",
                "how do I use my points", "is this sofa vegan leather", "what is the warranty on this laptop", "can you repair my phone",
                "I want to change where it's delivered", "add one more item to my order", "do you take cash", "I'm a student, any discount?",
                "we want to order 500 units for the office", "pause my subscription for a month", "my subscription renewed without asking",
                "can you wrap it as a gift", "I need it tomorrow, express please", "how do I assemble the bed frame",
                "is there a recall on this heater", "the charger got very hot and smelled", "I can't find my order confirmation",
                "send half now and half later", "change my card on file", "I will leave a one star review", "is there a shop near me",
                "what's your return policy", "I changed my email address", "do you install the washing machine",
                "tell me when the blue one is back", "what is this shirt made of", "I paid but it says failed", "VAT is wrong on my bill",
                "return this product please", "I was charged but got no order", "where's the closest store", "my order never came",
                "can I speak to a manager");
    }

    // ------------------------------------------------------------------------------------ tokens

    static PrivateKey privateKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    static String jwt(PrivateKey key, UUID tenant) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"agentry\",\"aud\":\"agentry\",\"sub\":\"bench\",\"tenant_id\":\"" + tenant
                + "\",\"groups\":[\"agent-runtime\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(signature.sign());
    }

}
