package dev.agentry.memory.episode;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

/** Episodes: stored (one or in bulk), listed, read, changed, deleted; another tenant neither sees nor changes them. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EpisodeResourceTest extends TwoTenantTest {

    static final UUID AGENT = UUID.randomUUID();

    @Override
    protected String schema() {
        return "memory";
    }

    static Map<String, Object> episode(String content) {
        Map<String, Object> body = new HashMap<>();
        body.put("agent_id", AGENT);
        body.put("episode_type", "turn");
        body.put("content", content);
        return body;
    }

    static String create(UUID tenant, Map<String, Object> body) {
        return as(runtime(tenant)).body(body).post("/v1/episodes").then().statusCode(201).extract().path("id");
    }

    @Test
    void createReadUpdateDelete() {
        UUID tenant = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        Map<String, Object> body = episode("Khách hàng muốn đổi địa chỉ giao hàng.");
        body.put("customer_profile_id", customer);
        body.put("language", "vi");
        body.put("importance", 0.9);
        body.put("metadata", Map.of("channel", "zalo"));
        String id = create(tenant, body);
        as(viewer(tenant)).get("/v1/episodes/" + id).then().statusCode(200)
                .body("content", equalTo("Khách hàng muốn đổi địa chỉ giao hàng.")).body("language", equalTo("vi"))
                .body("episode_type", equalTo("turn")).body("importance", equalTo(0.9f))
                .body("embedding_model", equalTo("bge-small-en-v1.5-q")).body("metadata.channel", equalTo("zalo"))
                .body("recorded_at", notNullValue()).body("valid_to", nullValue()).body("$", not(org.hamcrest.Matchers.hasKey("embedding")));
        as(runtime(tenant)).body(Map.of("valid_to", "2099-01-01T00:00:00Z", "importance", 0.2)).patch("/v1/episodes/" + id)
                .then().statusCode(200).body("valid_to", equalTo("2099-01-01T00:00:00Z")).body("importance", equalTo(0.2f));
        as(viewer(tenant)).queryParam("customer_profile_id", customer).get("/v1/episodes").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        as(runtime(tenant)).delete("/v1/episodes/" + id).then().statusCode(204);
        as(viewer(tenant)).get("/v1/episodes/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void listFiltersAndPages() {
        UUID tenant = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = episode("turn " + i);
            body.put("session_id", session);
            body.put("embedding", unitVector(i));
            body.put("embedding_model", "test-model");
            ids.add(create(tenant, body));
        }
        Map<String, Object> fact = episode("a fact");
        fact.put("episode_type", "fact");
        fact.put("embedding", unitVector(5));
        fact.put("embedding_model", "test-model");
        create(tenant, fact);
        String cursor = as(viewer(tenant)).queryParam("session_id", session).queryParam("limit", 2).get("/v1/episodes")
                .then().statusCode(200).body("items.id", equalTo(List.of(ids.get(2), ids.get(1)))).extract().path("next_cursor");
        as(viewer(tenant)).queryParam("session_id", session).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/episodes")
                .then().statusCode(200).body("items.id", equalTo(List.of(ids.get(0)))).body("next_cursor", nullValue());
        as(viewer(tenant)).queryParam("type", "fact").get("/v1/episodes").then().statusCode(200).body("items", hasSize(1));
        as(viewer(tenant)).queryParam("type", "memo").get("/v1/episodes").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void bulkIngestIsAllOrNothing() {
        UUID tenant = UUID.randomUUID();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> e = episode("bulk " + i);
            e.put("embedding", unitVector(i));
            e.put("embedding_model", "test-model");
            batch.add(e);
        }
        batch.add(episode("the last one is embedded by the service"));
        List<String> ids = as(runtime(tenant)).body(Map.of("episodes", batch)).post("/v1/episodes/bulk").then().statusCode(201)
                .body("created", equalTo(4)).extract().path("ids");
        assertEquals(4, ids.size());
        as(viewer(tenant)).get("/v1/episodes/" + ids.get(3)).then().statusCode(200).body("embedding_model", equalTo("bge-small-en-v1.5-q"));
        as(viewer(tenant)).get("/v1/episodes/" + ids.get(0)).then().statusCode(200).body("embedding_model", equalTo("test-model"));

        // One bad episode (a vector of the wrong width) refuses the whole batch, naming it.
        Map<String, Object> bad = episode("wrong width");
        bad.put("embedding", new float[] { 0.1f, 0.2f });
        bad.put("embedding_model", "test-model");
        List<Map<String, Object>> second = List.of(episode("fine"), bad);
        long before = rowCounts(tenant).get("episodes");
        as(runtime(tenant)).body(Map.of("episodes", second)).post("/v1/episodes/bulk").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("episodes[1].embedding"));
        assertEquals(before, rowCounts(tenant).get("episodes"));
        as(runtime(tenant)).body(Map.of("episodes", List.of())).post("/v1/episodes/bulk").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        UUID tenant = UUID.randomUUID();
        String token = runtime(tenant);
        Map<String, Object> wrongWidth = episode("wrong width");
        wrongWidth.put("embedding", new float[] { 1f, 2f, 3f });
        wrongWidth.put("embedding_model", "test-model");
        as(token).body(wrongWidth).post("/v1/episodes").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("embedding"));
        Map<String, Object> noModel = episode("vector without its model");
        noModel.put("embedding", unitVector(1));
        as(token).body(noModel).post("/v1/episodes").then().statusCode(400).body("errors.field", hasItem("embedding_model"));
        as(token).body(episode("   ")).post("/v1/episodes").then().statusCode(400).body("errors.field", hasItem("content"));
        Map<String, Object> badType = episode("x");
        badType.put("episode_type", "memo");
        as(token).body(badType).post("/v1/episodes").then().statusCode(400).body("errors[0].field", equalTo("episode_type"));
        Map<String, Object> badImportance = episode("x");
        badImportance.put("importance", 1.5);
        as(token).body(badImportance).post("/v1/episodes").then().statusCode(400).body("errors[0].field", equalTo("importance"));
        Map<String, Object> badInterval = episode("x");
        badInterval.put("valid_from", "2025-03-01T00:00:00Z");
        badInterval.put("valid_to", "2025-02-01T00:00:00Z");
        as(token).body(badInterval).post("/v1/episodes").then().statusCode(400).body("errors[0].field", equalTo("valid_to"));
        Map<String, Object> unknownField = episode("x");
        unknownField.put("tenant_id", UUID.randomUUID());
        as(token).body(unknownField).post("/v1/episodes").then().statusCode(400).body("errors[0].field", equalTo("tenant_id"));
        as(token).body("{\"agent_id\": ").post("/v1/episodes").then().statusCode(400).contentType(PROBLEM);
        Map<String, Object> noAgent = episode("x");
        noAgent.remove("agent_id");
        as(token).body(noAgent).post("/v1/episodes").then().statusCode(400).body("errors[0].field", equalTo("agent_id"));
        assertEquals(0L, rowCounts(tenant).get("episodes"));
    }

    @Test
    void rolesAreEnforced() {
        UUID tenant = UUID.randomUUID();
        as(viewer(tenant)).body(episode("a viewer cannot write")).post("/v1/episodes").then().statusCode(403).contentType(PROBLEM);
        io.restassured.RestAssured.given().get("/v1/episodes").then().statusCode(401).contentType(PROBLEM);
        assertEquals(0L, rowCounts(tenant).get("episodes"));
    }

    @Test
    void anotherTenantSeesAndChangesNothing() {
        UUID a = tenantA;
        UUID b = tenantB;
        Map<String, Object> body = episode("Tenant A's private memory about invoice 4471.");
        String id = create(a, body);
        String other = runtime(b);
        as(other).get("/v1/episodes/" + id).then().statusCode(404).contentType(PROBLEM);
        as(other).body(Map.of("importance", 0.1)).patch("/v1/episodes/" + id).then().statusCode(404).contentType(PROBLEM);
        as(other).delete("/v1/episodes/" + id).then().statusCode(404).contentType(PROBLEM);
        as(other).get("/v1/episodes").then().statusCode(200).body("items", hasSize(0));
        as(other).body(Map.of("query", "invoice 4471 private memory")).post("/v1/episodes/search").then().statusCode(200)
                .body("items", hasSize(0));
        as(other).body(Map.of("query", "invoice 4471", "mode", "text")).post("/v1/episodes/search").then().statusCode(200)
                .body("items", hasSize(0));
        as(runtime(a)).get("/v1/episodes/" + id).then().statusCode(200).body("importance", equalTo(0.5f));
    }
}
