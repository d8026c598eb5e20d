package dev.agentry.memory.forgetting;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention by age per episode type: policies set, read and cleared; the sweep; tenants apart. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RetentionResourceTest extends TwoTenantTest {

    static final UUID AGENT = UUID.randomUUID();

    @Inject
    RetentionService retention;

    @Override
    protected String schema() {
        return "memory";
    }

    static String episode(UUID tenant, UUID customer, String type, int axis) {
        Map<String, Object> body = new HashMap<>(Map.of("agent_id", AGENT, "episode_type", type, "content", "memory " + axis,
                "embedding", unitVector(axis), "embedding_model", "test-model"));
        if (customer != null) {
            body.put("customer_profile_id", customer);
        }
        return as(runtime(tenant)).body(body).post("/v1/episodes").then().statusCode(201).extract().path("id");
    }

    @Test
    void retentionPoliciesAreSetReadAndCleared() {
        UUID tenant = UUID.randomUUID();
        as(admin(tenant)).get("/v1/retention/policies").then().statusCode(200).body("items", hasSize(4))
                .body("next_cursor", nullValue())
                .body("items.find { it.episode_type == 'summary' }.source", equalTo("default"))
                .body("items.find { it.episode_type == 'summary' }.max_age", equalTo("PT87600H"))
                .body("items.find { it.episode_type == 'turn' }.source", equalTo("none"))
                .body("items.find { it.episode_type == 'turn' }.max_age", nullValue());
        // A page at a time, like every list.
        String cursor = as(admin(tenant)).queryParam("limit", 3).get("/v1/retention/policies").then().statusCode(200)
                .body("items.episode_type", contains("turn", "summary", "fact")).extract().path("next_cursor");
        as(admin(tenant)).queryParam("limit", 3).queryParam("cursor", cursor).get("/v1/retention/policies").then()
                .statusCode(200).body("items.episode_type", contains("event")).body("next_cursor", nullValue());
        as(admin(tenant)).queryParam("limit", 0).get("/v1/retention/policies").then().statusCode(400).contentType(PROBLEM);
        as(admin(tenant)).queryParam("cursor", "nope").get("/v1/retention/policies").then().statusCode(400).contentType(PROBLEM);
        as(admin(tenant)).body(Map.of("max_age", "P90D")).put("/v1/retention/policies/turn").then().statusCode(200)
                .body("episode_type", equalTo("turn")).body("max_age", equalTo("PT2160H")).body("source", equalTo("tenant"));
        as(admin(tenant)).get("/v1/retention/policies").then().body("items.find { it.episode_type == 'turn' }.source", equalTo("tenant"));
        as(admin(UUID.randomUUID())).get("/v1/retention/policies").then()
                .body("items.find { it.episode_type == 'turn' }.source", equalTo("none"));
        as(admin(tenant)).body(Map.of("max_age", "ninety days")).put("/v1/retention/policies/turn").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("max_age"));
        as(admin(tenant)).body(Map.of("max_age", "PT0S")).put("/v1/retention/policies/turn").then().statusCode(400);
        as(admin(tenant)).body(Map.of("max_age", "P1D")).put("/v1/retention/policies/memo").then().statusCode(400)
                .body("errors[0].field", equalTo("episode_type"));
        as(runtime(tenant)).body(Map.of("max_age", "P1D")).put("/v1/retention/policies/turn").then().statusCode(403);
        as(admin(tenant)).delete("/v1/retention/policies/turn").then().statusCode(204);
        as(admin(tenant)).delete("/v1/retention/policies/turn").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void retentionDeletesExpiredEpisodesOfTheTypeOnlyInTheTenant() throws InterruptedException {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String event = episode(tenant, null, "event", 5);
        String turn = episode(tenant, null, "turn", 6);
        String othersEvent = episode(other, null, "event", 7);
        as(admin(tenant)).body(Map.of("max_age", "PT1S")).put("/v1/retention/policies/event").then().statusCode(200);
        as(admin(other)).body(Map.of("max_age", "PT1S")).put("/v1/retention/policies/event").then().statusCode(200);
        Thread.sleep(1_200);
        as(admin(tenant)).post("/v1/retention/run").then().statusCode(200).body("deleted.event", equalTo(1))
                .body("deleted.summary", equalTo(0)).body("deleted.turn", nullValue());
        as(viewer(tenant)).get("/v1/episodes/" + event).then().statusCode(404);
        as(viewer(tenant)).get("/v1/episodes/" + turn).then().statusCode(200);
        as(viewer(other)).get("/v1/episodes/" + othersEvent).then().statusCode(200);
        // The sweep finds every tenant with episodes (through the SECURITY DEFINER function) and applies theirs.
        int deleted = retention.sweep().await().atMost(Duration.ofSeconds(30));
        assertTrue(deleted >= 1, "sweep deleted " + deleted);
        as(viewer(other)).get("/v1/episodes/" + othersEvent).then().statusCode(404);
        as(viewer(tenant)).get("/v1/episodes/" + turn).then().statusCode(200);
    }

    @Test
    void anotherTenantNeitherSeesNorClearsAPolicy() {
        as(admin(tenantA)).body(Map.of("max_age", "P30D")).put("/v1/retention/policies/fact").then().statusCode(200);
        as(admin(tenantB)).get("/v1/retention/policies").then().statusCode(200)
                .body("items.find { it.episode_type == 'fact' }.source", equalTo("none"));
        as(admin(tenantB)).delete("/v1/retention/policies/fact").then().statusCode(404).contentType(PROBLEM);
        as(admin(tenantB)).post("/v1/retention/run").then().statusCode(200).body("deleted.fact", nullValue());
        as(admin(tenantA)).get("/v1/retention/policies").then().statusCode(200)
                .body("items.find { it.episode_type == 'fact' }.source", equalTo("tenant"))
                .body("items.find { it.episode_type == 'fact' }.max_age", equalTo("PT720H"));
    }
}
