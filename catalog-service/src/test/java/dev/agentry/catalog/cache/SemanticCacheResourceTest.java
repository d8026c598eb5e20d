package dev.agentry.catalog.cache;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.bot;
import static dev.agentry.catalog.CatalogTestSupport.botVersion;
import static dev.agentry.catalog.CatalogTestSupport.offering;
import static dev.agentry.catalog.CatalogTestSupport.publish;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.runtime;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache: a paraphrase above the tenant's threshold is served, a different question is
 * not; an entry goes when what it was built from changes, is never served expired, never to another
 * tenant; hits are counted without a write per hit.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SemanticCacheResourceTest extends TwoTenantTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUESTION = "Can I cancel my order?";
    private static final String PARAPHRASE = "Is it possible to cancel an order I placed?";
    private static final String DIFFERENT = "Can I cancel my subscription?";
    private static final String ANSWER = "Yes, until it ships: open the order and press Cancel.";

    private static String botId;
    private static String version;

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    TenantTransactions tx;

    @Inject
    SemanticCacheHits hits;

    @Override
    protected String schema() {
        return "catalog";
    }

    @BeforeAll
    static void forget() {
        botId = null;
    }

    private void seed() {
        if (botId != null) {
            return;
        }
        botId = bot(tenantA, "shop");
        version = botVersion(tenantA, botId, "You are the shop's assistant.");
    }

    private static String faq(UUID tenant, String question, String answer) {
        return as(admin(tenant)).body(body("question", question, "answer", answer)).post("/v1/faq").then().statusCode(201)
                .extract().path("id");
    }

    private static String fill(UUID tenant, Map<String, Object> body) {
        return as(runtime(tenant)).body(body).post("/v1/semantic-cache").then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse lookup(UUID tenant, Map<String, Object> body) {
        return as(runtime(tenant)).body(body).post("/v1/semantic-cache/lookup").then().statusCode(200);
    }

    @Test
    void aParaphraseHitsAboveTheThresholdAndADifferentQuestionMisses() {
        seed();
        String source = faq(tenantA, QUESTION, ANSWER);
        String entry = fill(tenantA, body("question", QUESTION, "answer", ANSWER, "bot_version_id", version, "language", "en",
                "source_faq_ids", List.of(source)));
        as(viewer(tenantA)).get("/v1/semantic-cache/" + entry).then().statusCode(200).body("question", equalTo(QUESTION))
                .body("bot_version_id", equalTo(version)).body("language", equalTo("en")).body("source_faq_ids", contains(source))
                .body("hit_count", equalTo(0)).body("last_hit_at", nullValue()).body("expires_at", notNullValue());

        lookup(tenantA, body("query", PARAPHRASE, "bot_version_id", version, "language", "en")).body("hit", equalTo(true))
                .body("entry.id", equalTo(entry)).body("entry.answer", equalTo(ANSWER))
                .body("similarity", greaterThanOrEqualTo((float) SemanticCacheSettings.DEFAULT_THRESHOLD))
                .body("threshold", equalTo((float) SemanticCacheSettings.DEFAULT_THRESHOLD)).body("strategy", equalTo("exact"));
        // A ready vector, as the turn sends the one it made, is looked up the same.
        float[] vector = embeddings.embed(PARAPHRASE).await().atMost(WAIT);
        lookup(tenantA, body("embedding", vector, "embedding_model", embeddings.model(), "bot_version_id", version, "language", "EN"))
                .body("hit", equalTo(true)).body("entry.id", equalTo(entry)).body("entry.hit_count", equalTo(2));
        // The index strategy finds it too.
        lookup(tenantA, body("query", PARAPHRASE, "bot_version_id", version, "language", "en", "strategy", "index"))
                .body("hit", equalTo(true)).body("strategy", equalTo("index")).body("entry.id", equalTo(entry));

        // A different question is a miss that says how near the nearest entry was.
        lookup(tenantA, body("query", DIFFERENT, "bot_version_id", version, "language", "en")).body("hit", equalTo(false))
                .body("entry", nullValue()).body("similarity", lessThan((float) SemanticCacheSettings.DEFAULT_THRESHOLD));
        // Another language, another version, no version: other scopes, nothing there.
        lookup(tenantA, body("query", QUESTION, "bot_version_id", version, "language", "vi")).body("hit", equalTo(false))
                .body("similarity", nullValue());
        String other = botVersion(tenantA, botId, "Another prompt.");
        lookup(tenantA, body("query", QUESTION, "bot_version_id", other, "language", "en")).body("hit", equalTo(false));
        lookup(tenantA, body("query", QUESTION, "language", "en")).body("hit", equalTo(false));
        // A stricter min_similarity than the tenant's threshold applies; the exact question still hits.
        lookup(tenantA, body("query", PARAPHRASE, "bot_version_id", version, "language", "en", "min_similarity", 0.99))
                .body("hit", equalTo(false)).body("threshold", equalTo(0.99f));
        lookup(tenantA, body("query", QUESTION, "bot_version_id", version, "language", "en", "min_similarity", 0.99))
                .body("hit", equalTo(true));

        // Four hits, counted in memory (read adds them), written by one flush.
        as(viewer(tenantA)).get("/v1/semantic-cache/" + entry).then().statusCode(200).body("hit_count", equalTo(4))
                .body("last_hit_at", notNullValue());
        hits.flush().await().atMost(WAIT);
        assertEquals(0, hits.pendingEntries());
        long stored = tx.inTenant(tenantA, conn -> conn.preparedQuery("SELECT hit_count FROM tenant_semantic_cache WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(entry)))).map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
        assertEquals(4, stored);
        as(viewer(tenantA)).get("/v1/semantic-cache/" + entry).then().statusCode(200).body("hit_count", equalTo(4));

        // Settings: a tenant's stricter threshold turns the paraphrase into a miss.
        as(viewer(tenantA)).get("/v1/semantic-cache/settings").then().statusCode(200)
                .body("similarity_threshold", equalTo((float) SemanticCacheSettings.DEFAULT_THRESHOLD))
                .body("default_ttl_seconds", equalTo(86400)).body("customized", equalTo(false));
        as(admin(tenantA)).body(body("similarity_threshold", 0.97, "default_ttl_seconds", 3600)).put("/v1/semantic-cache/settings")
                .then().statusCode(200).body("customized", equalTo(true)).body("similarity_threshold", equalTo(0.97f));
        try {
            lookup(tenantA, body("query", PARAPHRASE, "bot_version_id", version, "language", "en")).body("hit", equalTo(false))
                    .body("threshold", equalTo(0.97f));
            // Tenant B keeps the default.
            as(viewer(tenantB)).get("/v1/semantic-cache/settings").then().statusCode(200).body("customized", equalTo(false));
        } finally {
            as(admin(tenantA)).body(body("similarity_threshold", SemanticCacheSettings.DEFAULT_THRESHOLD, "default_ttl_seconds", 86400))
                    .put("/v1/semantic-cache/settings").then().statusCode(200);
        }
        as(admin(tenantA)).delete("/v1/semantic-cache/" + entry).then().statusCode(204);
        lookup(tenantA, body("query", PARAPHRASE, "bot_version_id", version, "language", "en")).body("hit", equalTo(false));
    }

    @Test
    void anEntryGoesWhenWhatItWasBuiltFromChanges() {
        seed();
        // The FAQ entry is replaced: its answers go.
        String source = faq(tenantA, "Do you offer discounts for students?", "10 % with a student card.");
        String entry = fill(tenantA, body("question", "Do you offer discounts for students?", "answer", "10 % with a student card.",
                "bot_version_id", version, "language", "en", "source_faq_ids", List.of(source)));
        lookup(tenantA, body("query", "Is there a student discount?", "bot_version_id", version, "language", "en"))
                .body("hit", equalTo(true)).body("entry.id", equalTo(entry));
        as(admin(tenantA)).body(body("question", "Do you offer discounts for students?", "answer", "No more student discounts."))
                .put("/v1/faq/" + source).then().statusCode(200);
        lookup(tenantA, body("query", "Is there a student discount?", "bot_version_id", version, "language", "en"))
                .body("hit", equalTo(false));
        as(viewer(tenantA)).get("/v1/semantic-cache/" + entry).then().statusCode(404);

        // ... or deleted.
        String deleted = faq(tenantA, "Where is your store located?", "12 Nguyen Hue, District 1.");
        String fromDeleted = fill(tenantA, body("question", "Where is your store located?", "answer", "12 Nguyen Hue, District 1.",
                "bot_version_id", version, "language", "en", "source_faq_ids", List.of(deleted)));
        as(admin(tenantA)).delete("/v1/faq/" + deleted).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/semantic-cache/" + fromDeleted).then().statusCode(404);

        // An offering is published again, or deleted.
        String villa = offering(tenantA, null, "villa-d7", "Villa in District 7", "Four bedrooms, garden.", Map.of());
        publish(tenantA, villa, 1);
        String aboutVilla = fill(tenantA, body("question", "Is the villa in District 7 still for sale?", "answer", "Yes.",
                "bot_version_id", version, "language", "en", "source_offering_ids", List.of(villa)));
        lookup(tenantA, body("query", "Is the District 7 villa still available to buy?", "bot_version_id", version, "language", "en"))
                .body("hit", equalTo(true)).body("entry.id", equalTo(aboutVilla)).body("entry.source_offering_ids", contains(villa));
        as(admin(tenantA)).body(body("name", "Villa in District 7", "description", "Sold.")).post("/v1/offerings/" + villa + "/versions")
                .then().statusCode(201);
        // A new draft changes nothing that is served...
        as(viewer(tenantA)).get("/v1/semantic-cache/" + aboutVilla).then().statusCode(200);
        // ... its publication does.
        publish(tenantA, villa, 2);
        as(viewer(tenantA)).get("/v1/semantic-cache/" + aboutVilla).then().statusCode(404);
        String again = fill(tenantA, body("question", "Is the villa in District 7 still for sale?", "answer", "No, sold.",
                "bot_version_id", version, "language", "en", "source_offering_ids", List.of(villa)));
        // A price of one of its variants is written.
        String sku = as(admin(tenantA)).body(body("sku", "VILLA-D7", "name", "Villa D7")).post("/v1/offerings/" + villa + "/variants")
                .then().statusCode(201).extract().path("id");
        String list = as(admin(tenantA)).body(body("code", "cache-vnd", "currency", "VND")).post("/v1/price-lists").then().statusCode(201)
                .extract().path("id");
        as(viewer(tenantA)).get("/v1/semantic-cache/" + again).then().statusCode(200);
        as(admin(tenantA)).body(body("variant_id", sku, "amount", 25000000000L)).put("/v1/price-lists/" + list + "/prices").then()
                .statusCode(200);
        as(viewer(tenantA)).get("/v1/semantic-cache/" + again).then().statusCode(404);
        String priced = fill(tenantA, body("question", "How much is the villa in District 7?", "answer", "25 billion VND.",
                "bot_version_id", version, "language", "en", "source_offering_ids", List.of(villa)));
        as(admin(tenantA)).delete("/v1/offerings/" + villa).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/semantic-cache/" + priced).then().statusCode(404);

        // An answer built before its source changed is refused (built_at), not stored.
        String hours = faq(tenantA, "What are your opening hours?", "9 to 6.");
        Instant before = Instant.now().minusSeconds(60);
        as(runtime(tenantA)).body(body("question", "What are your opening hours?", "answer", "9 to 6.", "bot_version_id", version,
                "language", "en", "source_faq_ids", List.of(hours), "built_at", before.toString())).post("/v1/semantic-cache").then()
                .statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("source_faq_ids[0]"));

        // The bot is archived: the answers of its versions go.
        String shop2 = bot(tenantA, "shop2");
        String v2 = botVersion(tenantA, shop2, "prompt");
        String ofBot = fill(tenantA, body("question", "What are your opening hours?", "answer", "9 to 6.", "bot_version_id", v2,
                "language", "en", "source_faq_ids", List.of(hours), "built_at", Instant.now().toString()));
        as(admin(tenantA)).delete("/v1/bots/" + shop2).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/semantic-cache/" + ofBot).then().statusCode(404);
        // A never-active version is deleted with its answers.
        String v3 = botVersion(tenantA, botId, "draft prompt");
        String ofVersion = fill(tenantA, body("question", "What are your opening hours?", "answer", "9 to 6.", "bot_version_id", v3,
                "language", "en"));
        as(admin(tenantA)).delete("/v1/bots/" + botId + "/versions/" + v3).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/semantic-cache/" + ofVersion).then().statusCode(404);
    }

    @Test
    void anExpiredEntryIsNeverServed() throws InterruptedException {
        seed();
        String entry = fill(tenantA, body("question", "How long does shipping take?", "answer", "Two to three days.",
                "bot_version_id", version, "language", "en", "ttl_seconds", 1));
        lookup(tenantA, body("query", "How long does shipping take?", "bot_version_id", version, "language", "en"))
                .body("hit", equalTo(true)).body("entry.id", equalTo(entry));
        Thread.sleep(1300);
        lookup(tenantA, body("query", "How long does shipping take?", "bot_version_id", version, "language", "en"))
                .body("hit", equalTo(false)).body("similarity", nullValue());
        // Readable until purged; the tenant's next fill purges it.
        as(viewer(tenantA)).get("/v1/semantic-cache/" + entry).then().statusCode(200);
        fill(tenantA, body("question", "Do you ship internationally?", "answer", "Yes.", "bot_version_id", version, "language", "en"));
        as(viewer(tenantA)).get("/v1/semantic-cache/" + entry).then().statusCode(404);
    }

    @Test
    void anotherTenantNeverSeesAnEntry() {
        seed();
        String entry = fill(tenantA, body("question", "Can I pay in installments?", "answer", "Yes, over 12 months.",
                "language", "en"));
        lookup(tenantA, body("query", "Can I pay in installments?", "language", "en")).body("hit", equalTo(true))
                .body("entry.id", equalTo(entry));
        lookup(tenantB, body("query", "Can I pay in installments?", "language", "en")).body("hit", equalTo(false))
                .body("similarity", nullValue());
        lookup(tenantB, body("query", "Can I pay in installments?", "bot_version_id", version, "language", "en"))
                .body("hit", equalTo(false)).body("similarity", nullValue());
        as(viewer(tenantB)).get("/v1/semantic-cache/" + entry).then().statusCode(404).contentType("application/problem+json");
        as(admin(tenantB)).delete("/v1/semantic-cache/" + entry).then().statusCode(404);
        // B cannot build on A's bot version or FAQ entries.
        String faqA = faq(tenantA, "Can I pay in installments?", "Yes.");
        as(runtime(tenantB)).body(body("question", "q", "answer", "a", "language", "en", "bot_version_id", version,
                "source_faq_ids", List.of(faqA))).post("/v1/semantic-cache").then().statusCode(400)
                .body("errors.field", hasItem("bot_version_id")).body("errors.field", hasItem("source_faq_ids[0]"));
        as(viewer(tenantA)).get("/v1/semantic-cache/" + entry).then().statusCode(200);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        seed();
        Map<String, Long> before = rowCounts(tenantA);
        float[] vector = embeddings.embed(QUESTION).await().atMost(WAIT);
        // Wrong width, another model, a vector without its model.
        as(runtime(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "en", "embedding", new float[] { 1, 2, 3 },
                "embedding_model", embeddings.model())).post("/v1/semantic-cache").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("embedding"));
        as(runtime(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "en", "embedding", vector,
                "embedding_model", "text-embedding-3-small")).post("/v1/semantic-cache").then().statusCode(400)
                .body("errors[0].field", equalTo("embedding_model"));
        as(runtime(tenantA)).body(body("embedding", new float[] { 1, 2, 3 }, "embedding_model", embeddings.model(), "language", "en"))
                .post("/v1/semantic-cache/lookup").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("embedding"));
        as(runtime(tenantA)).body(body("embedding", vector, "language", "en")).post("/v1/semantic-cache/lookup").then().statusCode(400)
                .body("errors[0].field", equalTo("embedding_model"));
        as(runtime(tenantA)).body(body("language", "en")).post("/v1/semantic-cache/lookup").then().statusCode(400)
                .body("errors[0].field", equalTo("query"));
        as(runtime(tenantA)).body(body("query", QUESTION)).post("/v1/semantic-cache/lookup").then().statusCode(400)
                .body("errors[0].field", equalTo("language"));
        // Bad ids: unknown, malformed.
        as(runtime(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "en",
                "bot_version_id", UUID.randomUUID().toString())).post("/v1/semantic-cache").then().statusCode(400)
                .body("errors[0].field", equalTo("bot_version_id"));
        as(runtime(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "en",
                "source_faq_ids", List.of(UUID.randomUUID().toString()), "source_offering_ids", List.of(UUID.randomUUID().toString())))
                .post("/v1/semantic-cache").then().statusCode(400)
                .body("errors.field", contains("source_faq_ids[0]", "source_offering_ids[0]"));
        as(runtime(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "en", "bot_version_id", "not-a-uuid"))
                .post("/v1/semantic-cache").then().statusCode(400).contentType("application/problem+json");
        as(viewer(tenantA)).get("/v1/semantic-cache/not-a-uuid").then().statusCode(404);
        // Other fields.
        as(runtime(tenantA)).body(body("question", " ", "answer", ANSWER, "language", "en")).post("/v1/semantic-cache").then()
                .statusCode(400).body("errors[0].field", equalTo("question"));
        as(runtime(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "english!")).post("/v1/semantic-cache")
                .then().statusCode(400).body("errors[0].field", equalTo("language"));
        as(runtime(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "en", "ttl_seconds", 0))
                .post("/v1/semantic-cache").then().statusCode(400).body("errors[0].field", equalTo("ttl_seconds"));
        as(admin(tenantA)).body(body("similarity_threshold", 0.2, "default_ttl_seconds", 60)).put("/v1/semantic-cache/settings").then()
                .statusCode(400).body("errors[0].field", equalTo("similarity_threshold"));
        // Roles.
        as(viewer(tenantA)).body(body("question", QUESTION, "answer", ANSWER, "language", "en")).post("/v1/semantic-cache").then()
                .statusCode(403);
        as(runtime(tenantA)).body(body("similarity_threshold", 0.9, "default_ttl_seconds", 60)).put("/v1/semantic-cache/settings")
                .then().statusCode(403);
        assertEquals(before, rowCounts(tenantA));
    }
}
