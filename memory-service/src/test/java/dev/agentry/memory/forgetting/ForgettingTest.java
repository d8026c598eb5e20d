package dev.agentry.memory.forgetting;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Erasure of one customer's memory, and retention by age per episode type. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ForgettingTest {

    static final UUID AGENT = UUID.randomUUID();

    @Inject
    RetentionService retention;

    @BeforeAll
    static void clean() {
        TestDatabase.truncate("memory");
    }

    static String episode(UUID tenant, UUID customer, String type, int axis) {
        Map<String, Object> body = new HashMap<>(Map.of("agent_id", AGENT, "episode_type", type, "content", "memory " + axis,
                "embedding", unitVector(axis), "embedding_model", "test-model"));
        if (customer != null) {
            body.put("customer_profile_id", customer);
        }
        return as(runtime(tenant)).body(body).post("/v1/episodes").then().statusCode(201).extract().path("id");
    }

    static String entity(UUID tenant, String name, UUID customer) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "entity_type", "person"));
        if (customer != null) {
            body.put("customer_profile_id", customer);
        }
        return as(runtime(tenant)).body(body).post("/v1/entities").then().statusCode(201).extract().path("id");
    }

    static void relate(UUID tenant, String source, String type, String target) {
        as(runtime(tenant)).body(Map.of("source_entity_id", source, "relationship_type", type, "target_entity_id", target))
                .post("/v1/relationships").then().statusCode(201);
    }

    @Test
    void erasureRemovesEverythingAboutOneCustomerAndReportsIt() {
        UUID tenant = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        episode(tenant, customer, "turn", 1);
        episode(tenant, customer, "fact", 2);
        String kept = episode(tenant, someoneElse, "turn", 3);
        String self = entity(tenant, "The customer", customer);
        String spouse = entity(tenant, "Their spouse", customer);
        String shared = entity(tenant, "Shop assistant", null);
        String other = entity(tenant, "Another customer", someoneElse);
        relate(tenant, self, "married_to", spouse);
        relate(tenant, shared, "helped", self);
        relate(tenant, shared, "helped", other);
        as(runtime(tenant)).delete("/v1/customers/" + customer + "/memory").then().statusCode(403);
        as(admin(tenant)).delete("/v1/customers/" + customer + "/memory").then().statusCode(200)
                .body("customer_profile_id", equalTo(customer.toString())).body("episodes", equalTo(2))
                .body("entities", equalTo(2)).body("relationships", equalTo(2));
        Map<String, Long> left = rowCounts(tenant);
        assertEquals(1L, left.get("episodes"));
        assertEquals(2L, left.get("entities"));
        assertEquals(1L, left.get("relationships"));
        as(viewer(tenant)).get("/v1/episodes/" + kept).then().statusCode(200);
        as(viewer(tenant)).queryParam("customer_profile_id", customer).get("/v1/episodes").then().body("items", hasSize(0));
        // Again: nothing left to remove.
        as(admin(tenant)).delete("/v1/customers/" + customer + "/memory").then().statusCode(200).body("episodes", equalTo(0))
                .body("entities", equalTo(0)).body("relationships", equalTo(0));
    }

    @Test
    void erasureInAnotherTenantTouchesNothing() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        episode(a, customer, "turn", 4);
        entity(a, "Customer of A", customer);
        as(admin(b)).delete("/v1/customers/" + customer + "/memory").then().statusCode(200).body("episodes", equalTo(0))
                .body("entities", equalTo(0));
        assertEquals(1L, rowCounts(a).get("episodes"));
        assertEquals(1L, rowCounts(a).get("entities"));
    }

    @Test
    void retentionPoliciesAreSetReadAndCleared() {
        UUID tenant = UUID.randomUUID();
        as(admin(tenant)).get("/v1/retention/policies").then().statusCode(200).body("", hasSize(4))
                .body("find { it.episode_type == 'summary' }.source", equalTo("default"))
                .body("find { it.episode_type == 'summary' }.max_age", equalTo("PT87600H"))
                .body("find { it.episode_type == 'turn' }.source", equalTo("none"))
                .body("find { it.episode_type == 'turn' }.max_age", nullValue());
        as(admin(tenant)).body(Map.of("max_age", "P90D")).put("/v1/retention/policies/turn").then().statusCode(200)
                .body("episode_type", equalTo("turn")).body("max_age", equalTo("PT2160H")).body("source", equalTo("tenant"));
        as(admin(tenant)).get("/v1/retention/policies").then().body("find { it.episode_type == 'turn' }.source", equalTo("tenant"));
        as(admin(UUID.randomUUID())).get("/v1/retention/policies").then()
                .body("find { it.episode_type == 'turn' }.source", equalTo("none"));
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
}
