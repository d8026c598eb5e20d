package dev.agentry.memory.episode;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hybrid search over episodes: what each ranking finds, how they fuse, filters, time points, models, strategies; tenants apart. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EpisodeSearchResourceTest extends TwoTenantTest {

    static final UUID AGENT = UUID.randomUUID();
    static UUID tenant;
    static Map<String, String> ids;

    /** The exact code appears in one long sentence; near-identical codes (single tokens) in short ones. */
    static final String CODE_EPISODE = "Shipping to the Hanoi warehouse was delayed; the customer also mentioned part ZX-4471-QB.";
    static final String MOVE_EPISODE = "The customer moved to Lyon in March.";
    static final List<String> CORPUS = List.of(CODE_EPISODE, MOVE_EPISODE, "Part ZX4471QB is back in stock.",
            "Part ZX4417QB is back in stock.", "Part ZX4417QD is back in stock.", "Part ZX4471QD was discontinued.",
            "We reorder part ZX4741QB every month.", "The client asked for a refund of the blender.",
            "Delivery of order 88213 is late.");

    @Override
    protected String schema() {
        return "memory";
    }

    /** The corpus, once per class, in tenant A (the base class has just emptied the schema). */
    @BeforeEach
    void corpus() {
        if (tenantA.equals(tenant)) {
            return;
        }
        tenant = tenantA;
        List<Map<String, Object>> batch = new ArrayList<>();
        for (String text : CORPUS) {
            batch.add(Map.of("agent_id", AGENT, "episode_type", "fact", "content", text));
        }
        List<String> created = as(runtime(tenant)).body(Map.of("episodes", batch)).post("/v1/episodes/bulk").then()
                .statusCode(201).extract().path("ids");
        ids = new HashMap<>();
        for (int i = 0; i < CORPUS.size(); i++) {
            ids.put(CORPUS.get(i), created.get(i));
        }
    }

    static List<String> hits(String query, String mode, int limit) {
        return as(viewer(tenant)).body(Map.of("query", query, "mode", mode, "limit", limit)).post("/v1/episodes/search")
                .then().statusCode(200).body("mode", equalTo(mode)).extract().path("items.episode.id");
    }

    @Test
    void hybridFindsAnExactProductCodeThatVectorSearchMisses() {
        String target = ids.get(CODE_EPISODE);
        List<String> vector = hits("ZX-4471-QB", "vector", 3);
        assertFalse(vector.contains(target), "vector search should rank look-alike codes above the exact one: " + vector);
        List<String> text = hits("ZX-4471-QB", "text", 3);
        assertEquals(target, text.get(0));
        List<String> hybrid = hits("ZX-4471-QB", "hybrid", 3);
        assertEquals(target, hybrid.get(0), "hybrid: " + hybrid);
    }

    @Test
    void hybridFindsAParaphraseThatTextSearchMisses() {
        String target = ids.get(MOVE_EPISODE);
        List<String> text = hits("which city did the shopper relocate to", "text", 5);
        assertFalse(text.contains(target), "no word in common, so full text cannot match: " + text);
        List<String> hybrid = hits("which city did the shopper relocate to", "hybrid", 3);
        assertEquals(target, hybrid.get(0));
    }

    @Test
    void everyHitSaysItsScoreParts() {
        as(viewer(tenant)).body(Map.of("query", "ZX-4471-QB", "limit", 5)).post("/v1/episodes/search").then().statusCode(200)
                .body("mode", equalTo("hybrid")).body("strategy", equalTo("exact"))
                .body("embedding_model", equalTo("bge-small-en-v1.5-q")).body("as_of", notNullValue())
                .body("items[0].episode.content", equalTo(CODE_EPISODE))
                .body("items[0].text_rank", equalTo(1)).body("items[0].text_score", greaterThan(0f))
                .body("items[0].vector_rank", greaterThan(3)).body("items[0].vector_similarity", greaterThan(0f))
                .body("items[0].recency", greaterThan(0.99f)).body("items[0].importance", equalTo(0.5f))
                .body("items[0].score", greaterThan(0f))
                // A hit only the vector ranking found has no text parts.
                .body("items.find { it.text_rank == null }.text_score", nullValue());
        as(viewer(tenant)).body(Map.of("query", "ZX-4471-QB", "mode", "text")).post("/v1/episodes/search").then().statusCode(200)
                .body("strategy", nullValue()).body("embedding_model", nullValue())
                .body("items.vector_rank", everyItem(nullValue()));
    }

    @Test
    void weightsCanTurnTheBoostOff() {
        float score = as(viewer(tenant)).body(Map.of("query", "ZX-4471-QB", "mode", "text", "limit", 1, "recency_weight", 0,
                "importance_weight", 0)).post("/v1/episodes/search").then().statusCode(200).extract().path("items[0].score");
        assertEquals(1.0 / 61, score, 1e-6);
    }

    @Test
    void asOfReturnsOnlyWhatWasValidThen() {
        UUID t = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        String basic = as(runtime(t)).body(Map.of("agent_id", AGENT, "episode_type", "fact", "customer_profile_id", customer,
                "content", "The customer is on the Basic plan.", "valid_from", "2024-01-01T00:00:00Z",
                "valid_to", "2025-03-01T00:00:00Z")).post("/v1/episodes").then().statusCode(201).extract().path("id");
        String premium = as(runtime(t)).body(Map.of("agent_id", AGENT, "episode_type", "fact", "customer_profile_id", customer,
                "content", "The customer is on the Premium plan.", "valid_from", "2025-03-01T00:00:00Z"))
                .post("/v1/episodes").then().statusCode(201).extract().path("id");
        Map<String, Object> search = new HashMap<>(Map.of("query", "which plan is the customer on", "customer_profile_id", customer));
        search.put("as_of", "2024-06-01T00:00:00Z");
        as(viewer(t)).body(search).post("/v1/episodes/search").then().statusCode(200).body("items.episode.id", equalTo(List.of(basic)))
                .body("strategy", equalTo("exact"));
        search.put("as_of", "2025-03-01T00:00:00Z");
        as(viewer(t)).body(search).post("/v1/episodes/search").then().statusCode(200).body("items.episode.id", equalTo(List.of(premium)));
        search.remove("as_of");
        as(viewer(t)).body(search).post("/v1/episodes/search").then().statusCode(200).body("items.episode.id", equalTo(List.of(premium)));
        search.put("as_of", "2023-06-01T00:00:00Z");
        as(viewer(t)).body(search).post("/v1/episodes/search").then().statusCode(200).body("items", hasSize(0));
        // Transaction time: nothing was known before it was recorded.
        search.remove("as_of");
        search.put("known_at", "2020-01-01T00:00:00Z");
        as(viewer(t)).body(search).post("/v1/episodes/search").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void filtersNarrowTheCandidates() {
        UUID t = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        as(runtime(t)).body(Map.of("agent_id", AGENT, "episode_type", "turn", "session_id", session,
                "content", "I want to return the blender.")).post("/v1/episodes").then().statusCode(201);
        as(runtime(t)).body(Map.of("agent_id", AGENT, "episode_type", "summary",
                "content", "The customer wanted to return a blender.")).post("/v1/episodes").then().statusCode(201);
        as(viewer(t)).body(Map.of("query", "return blender", "session_id", session)).post("/v1/episodes/search").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].episode.session_id", equalTo(session.toString()));
        as(viewer(t)).body(Map.of("query", "return blender", "types", List.of("summary"))).post("/v1/episodes/search").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].episode.episode_type", equalTo("summary"));
        as(viewer(t)).body(Map.of("query", "return blender", "agent_id", UUID.randomUUID())).post("/v1/episodes/search").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aQueryVectorFromAnotherModelIsRefused() {
        as(viewer(tenant)).body(Map.of("embedding", unitVector(3), "embedding_model", "text-embedding-3-small", "mode", "vector"))
                .post("/v1/episodes/search").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("embedding_model"));
        // The same model as the stored rows is compared.
        UUID t = UUID.randomUUID();
        as(runtime(t)).body(Map.of("agent_id", AGENT, "episode_type", "fact", "content", "axis three", "embedding", unitVector(3),
                "embedding_model", "test-model")).post("/v1/episodes").then().statusCode(201);
        as(viewer(t)).body(Map.of("embedding", unitVector(3), "embedding_model", "test-model", "mode", "vector"))
                .post("/v1/episodes/search").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].vector_similarity", greaterThan(0.99f));
        // A text query is embedded by the deployment's model, which none of this tenant's rows share.
        as(viewer(t)).body(Map.of("query", "axis three")).post("/v1/episodes/search").then().statusCode(400)
                .body("errors[0].field", equalTo("embedding_model"));
        as(viewer(t)).body(Map.of("query", "axis three", "mode", "text")).post("/v1/episodes/search").then().statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void badSearchesAreRefused() {
        String token = viewer(tenant);
        as(token).body(Map.of("mode", "text")).post("/v1/episodes/search").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("query"));
        as(token).body(Map.of()).post("/v1/episodes/search").then().statusCode(400).body("errors[0].field", equalTo("query"));
        as(token).body(Map.of("embedding", new float[] { 1f }, "embedding_model", "bge-small-en-v1.5-q"))
                .post("/v1/episodes/search").then().statusCode(400).body("errors[0].field", equalTo("embedding"));
        as(token).body(Map.of("query", "x", "mode", "fuzzy")).post("/v1/episodes/search").then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
        as(token).body(Map.of("query", "x", "limit", 51)).post("/v1/episodes/search").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(token).body(Map.of("query", "x", "as_of", "last tuesday")).post("/v1/episodes/search").then().statusCode(400)
                .body("errors[0].field", equalTo("as_of"));
        as(token).body(Map.of("query", "x", "types", List.of("memo"))).post("/v1/episodes/search").then().statusCode(400);
    }

    @Test
    void aVietnameseEpisodeIsFoundByItsWords() {
        UUID t = UUID.randomUUID();
        String id = as(runtime(t)).body(Map.of("agent_id", AGENT, "episode_type", "turn", "language", "vi",
                "content", "Khách hàng chuyển đến Hà Nội vào tháng Ba.")).post("/v1/episodes").then().statusCode(201)
                .extract().path("id");
        as(viewer(t)).body(Map.of("query", "Hà Nội", "mode", "text", "language", "vi")).post("/v1/episodes/search").then()
                .statusCode(200).body("items.episode.id", hasItem(id));
        as(viewer(t)).body(Map.of("query", "Hà Nội", "mode", "text")).post("/v1/episodes/search").then()
                .statusCode(200).body("items.episode.id", hasItem(id));
        as(viewer(t)).body(Map.of("query", "Sài Gòn", "mode", "text", "language", "vi")).post("/v1/episodes/search").then()
                .statusCode(200).body("items.episode.id", not(hasItem(id)));
    }

    @Test
    void theStrategyIsAskedAndAnsweredInTheSuitesWords() {
        String search = "/v1/episodes/search";
        // auto (the default): a small tenant is searched exactly.
        as(viewer(tenant)).body(Map.of("query", "refund")).post(search).then().statusCode(200).body("strategy", equalTo("exact"));
        as(viewer(tenant)).body(Map.of("query", "refund", "strategy", "auto")).post(search).then().statusCode(200)
                .body("strategy", equalTo("exact"));
        // index forced: the HNSW walk, answered as index; it still finds the refund episode.
        as(viewer(tenant)).body(Map.of("query", "refund of the blender", "strategy", "index", "mode", "vector")).post(search)
                .then().statusCode(200).body("strategy", equalTo("index"))
                .body("items.episode.id", hasItem(ids.get("The client asked for a refund of the blender.")));
        // The previous release's word is read as index, never written.
        as(viewer(tenant)).body(Map.of("query", "refund", "strategy", "hnsw")).post(search).then().statusCode(200)
                .body("strategy", equalTo("index"));
        // A narrow filter under auto is exact; a forced index is obeyed.
        as(viewer(tenant)).body(Map.of("query", "refund", "session_id", UUID.randomUUID())).post(search).then().statusCode(200)
                .body("strategy", equalTo("exact"));
        as(viewer(tenant)).body(Map.of("query", "refund", "session_id", UUID.randomUUID(), "strategy", "index")).post(search)
                .then().statusCode(200).body("strategy", equalTo("index")).body("items", hasSize(0));
        // Text mode runs no vector ranking: no strategy, no model.
        as(viewer(tenant)).body(Map.of("query", "refund", "mode", "text", "strategy", "index")).post(search).then()
                .statusCode(200).body("strategy", nullValue()).body("embedding_model", nullValue());
        as(viewer(tenant)).body(Map.of("query", "refund", "strategy", "fuzzy")).post(search).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("strategy"));
    }

    @Test
    void anotherTenantFindsNoneOfTheseEpisodes() {
        for (String mode : new String[] { "hybrid", "vector", "text" }) {
            for (String strategy : new String[] { "exact", "index" }) {
                as(viewer(tenantB)).body(Map.of("query", "ZX-4471-QB refund Lyon", "mode", mode, "strategy", strategy))
                        .post("/v1/episodes/search").then().statusCode(200).body("items", hasSize(0));
            }
        }
        // Not even with tenant A's own stored model named and a vector sent: B has no episodes of it.
        as(viewer(tenantB)).body(Map.of("embedding", unitVector(3), "embedding_model", "bge-small-en-v1.5-q", "mode", "vector"))
                .post("/v1/episodes/search").then().statusCode(200).body("items", hasSize(0));
        as(viewer(tenant)).body(Map.of("query", "ZX-4471-QB", "mode", "text")).post("/v1/episodes/search").then()
                .statusCode(200).body("items.episode.id", hasItem(ids.get(CODE_EPISODE)));
    }
}
