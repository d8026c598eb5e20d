package dev.agentry.catalog.cache;

import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.runtime;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.common.vector.VectorCodec;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By hand: {@code ./mvnw -B -q -o -pl catalog-service test -Dtest=SemanticCacheBenchTest -Dbench=true -Dai.djl.offline=true}.
 * Fills one tenant's scope with {@code bench.entries} (100,000) entries and times lookups over HTTP
 * in process (one client, a ready vector, so no embedding in the time), auto (the HNSW index above
 * search.exact-threshold) beside exact, and how often the two find the same nearest entry. The
 * entries' vectors: the embeddings of real shop questions (SemanticCacheThresholdTest's, without the
 * paraphrases that are the queries) each spread into copies with Gaussian noise (σ 0.02 per dimension) in SQL, because
 * embedding 100,000 real sentences takes longer than this shared machine should give; the queries
 * are paraphrases embedded for real. Prints; asserts nothing; deletes what it made.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SemanticCacheBenchTest extends TwoTenantTest {

    private static final Duration WAIT = Duration.ofMinutes(20);

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    TenantTransactions tx;

    @Override
    protected String schema() {
        return "catalog";
    }

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void lookupAtOneHundredThousandEntries() {
        int entries = Integer.getInteger("bench.entries", 100_000);
        List<String> bases = new ArrayList<>();
        // The paraphrases' second sentences are the queries: not among the entries.
        for (String[] pair : SemanticCacheThresholdTest.PARAPHRASES) {
            bases.add(pair[0]);
        }
        for (String[][] set : List.of(SemanticCacheThresholdTest.DIFFERENT, SemanticCacheThresholdTest.OTHER_THING)) {
            for (String[] pair : set) {
                bases.add(pair[0]);
                bases.add(pair[1]);
            }
        }
        List<String> distinct = bases.stream().distinct().toList();
        long t0 = System.nanoTime();
        String model = embeddings.model();
        List<String> vectors = distinct.stream().map(q -> VectorCodec.toSql(embeddings.embed(q).await().atMost(WAIT))).toList();
        // The real entries (one per distinct question), then the noisy copies, in batches.
        tx.inTenant(tenantA, conn -> conn.preparedQuery("INSERT INTO tenant_semantic_cache (id, tenant_id, query_text, response_text, "
                + "embedding, embedding_model, language, expires_at) SELECT gen_random_uuid(), $1, q, 'answer to ' || q, v::vector, $2, 'en', "
                + "now() + interval '1 day' FROM unnest($3::text[], $4::text[]) AS u(q, v)")
                .execute(Tuple.of(tenantA, model, distinct.toArray(String[]::new), vectors.toArray(String[]::new)))).await().atMost(WAIT);
        int perBatch = 5_000;
        for (int done = distinct.size(); done < entries; done += perBatch) {
            int n = Math.min(perBatch, entries - done);
            int offset = done;
            tx.inTenant(tenantA, conn -> conn.preparedQuery("WITH b AS (SELECT v::vector AS embedding, i FROM unnest($4::text[]) "
                    + "WITH ORDINALITY AS u(v, i)) INSERT INTO tenant_semantic_cache (id, tenant_id, query_text, response_text, "
                    + "embedding, embedding_model, language, expires_at) SELECT gen_random_uuid(), $1, 'copy ' || g, 'answer', "
                    + "(SELECT array_agg(x + 0.02 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) ORDER BY k) "
                    + "FROM unnest(b.embedding::real[]) WITH ORDINALITY AS e(x, k))::vector, $2, 'en', now() + interval '1 day' "
                    + "FROM generate_series($5::int, $5::int + $3 - 1) g JOIN b ON b.i = 1 + g % $6")
                    .execute(Tuple.from(new Object[] { tenantA, model, n, vectors.toArray(String[]::new), offset, vectors.size() })))
                    .await().atMost(WAIT);
        }
        System.out.printf(Locale.ROOT, "bench: %d entries made in %.1f s%n", entries, (System.nanoTime() - t0) / 1e9);
        tx.inTenant(tenantA, conn -> conn.query("ANALYZE tenant_semantic_cache").execute()).await().atMost(WAIT);

        List<float[]> queries = new ArrayList<>();
        for (String[] pair : SemanticCacheThresholdTest.PARAPHRASES) {
            queries.add(embeddings.embed(pair[1]).await().atMost(WAIT));
        }
        for (int round = 0; round < 2; round++) {
            for (String strategy : List.of("auto", "exact")) {
                int n = strategy.equals("auto") ? 400 : 60;
                long[] nanos = new long[n];
                int hits = 0;
                String ran = null;
                for (int i = 0; i < n; i++) {
                    float[] q = queries.get(i % queries.size());
                    long s = System.nanoTime();
                    JsonPath r = as(runtime(tenantA)).body(body("embedding", q, "embedding_model", model, "language", "en",
                            "strategy", strategy)).post("/v1/semantic-cache/lookup").then().statusCode(200).extract().jsonPath();
                    nanos[i] = System.nanoTime() - s;
                    hits += r.getBoolean("hit") ? 1 : 0;
                    ran = r.getString("strategy");
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "bench round %d: %s (%s) at %d entries: p50 %.2f ms, p95 %.2f ms, hits %d/%d%n", round,
                        strategy, ran, entries, nanos[n / 2] / 1e6, nanos[(int) (n * 0.95)] / 1e6, hits, n);
            }
        }
        // Does the index walk find the exact nearest entry?
        int same = 0;
        for (float[] q : queries) {
            Map<String, Object> a = as(runtime(tenantA)).body(body("embedding", q, "embedding_model", model, "language", "en",
                    "strategy", "index", "min_similarity", 0)).post("/v1/semantic-cache/lookup").then().extract().jsonPath().getMap("$");
            Map<String, Object> b = as(runtime(tenantA)).body(body("embedding", q, "embedding_model", model, "language", "en",
                    "strategy", "exact", "min_similarity", 0)).post("/v1/semantic-cache/lookup").then().extract().jsonPath().getMap("$");
            same += String.valueOf(a.get("similarity")).equals(String.valueOf(b.get("similarity"))) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "bench: the index found the exact nearest entry for %d of %d queries%n", same, queries.size());
        tx.inTenant(tenantA, conn -> conn.preparedQuery("DELETE FROM tenant_semantic_cache WHERE tenant_id = $1").execute(Tuple.of(tenantA)))
                .await().atMost(WAIT);
    }
}
