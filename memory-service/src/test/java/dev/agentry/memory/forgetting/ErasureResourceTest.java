package dev.agentry.memory.forgetting;

import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erasure of one customer's memory (episodes, entities and their relationships); tenants apart. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErasureResourceTest extends TwoTenantTest {

    static final UUID AGENT = UUID.randomUUID();

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

    @jakarta.inject.Inject
    dev.agentry.common.testing.ErasureStream erasures;

    /** profile-service's erasure event reaches memory: both profiles of the person go, the receipt counts them. */
    @Test
    void anErasureEventErasesThePersonsProfilesAndAnswersWithAReceipt() {
        UUID tenant = UUID.randomUUID();
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        episode(tenant, survivor, "turn", 1);
        episode(tenant, merged, "fact", 2);
        String kept = episode(tenant, UUID.randomUUID(), "turn", 3);
        entity(tenant, "The customer", survivor);
        // The same profile ids in another tenant are not this person.
        episode(tenantB, survivor, "turn", 4);
        Map<String, Long> otherBefore = rowCounts(tenantB);

        var touched = erasures.erase(tenant,
                java.util.List.of(survivor, merged));
        assertEquals("memory", touched.getString("store"));
        assertEquals(2, touched.getInteger("episodes"));
        assertEquals(1, touched.getInteger("entities"));
        assertEquals(1L, rowCounts(tenant).get("episodes"));
        as(viewer(tenant)).get("/v1/episodes/" + kept).then().statusCode(200);
        assertEquals(otherBefore, rowCounts(tenantB));
        // Delivered again (at least once): nothing more to erase, a receipt all the same.
        assertEquals(0, erasures.erase(tenant,
                java.util.List.of(survivor, merged)).getInteger("episodes"));
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
        UUID a = tenantA;
        UUID b = tenantB;
        UUID customer = UUID.randomUUID();
        episode(a, customer, "turn", 4);
        entity(a, "Customer of A", customer);
        as(admin(b)).delete("/v1/customers/" + customer + "/memory").then().statusCode(200).body("episodes", equalTo(0))
                .body("entities", equalTo(0));
        assertEquals(1L, rowCounts(a).get("episodes"));
        assertEquals(1L, rowCounts(a).get("entities"));
    }
}
