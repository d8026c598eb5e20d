package dev.agentry.memory.graph;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static dev.agentry.memory.graph.GraphTestSupport.entity;
import static dev.agentry.memory.graph.GraphTestSupport.fact;
import static dev.agentry.memory.graph.GraphTestSupport.neighbours;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The temporal knowledge graph's facts: contradictions close facts, time points answer from the right interval; tenants apart. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RelationshipResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "memory";
    }

    @Test
    void aContradictingFactClosesTheOldOneAndAsOfAnswersFromTheRightInterval() {
        UUID tenant = UUID.randomUUID();
        String alice = entity(tenant, "Alice", "person");
        String paris = entity(tenant, "Paris", "city");
        String lyon = entity(tenant, "Lyon", "city");
        String inParis = as(runtime(tenant)).body(fact(alice, "lives_in", paris, "2024-01-01T00:00:00Z")).post("/v1/relationships")
                .then().statusCode(201).body("created", equalTo(true)).body("closed", hasSize(0))
                .body("relationship.valid_to", nullValue()).extract().path("relationship.id");
        String inLyon = as(runtime(tenant)).body(fact(alice, "lives_in", lyon, "2025-03-01T00:00:00Z")).post("/v1/relationships")
                .then().statusCode(201).body("closed", hasSize(1)).body("closed[0].id", equalTo(inParis))
                .body("closed[0].valid_to", equalTo("2025-03-01T00:00:00Z"))
                .extract().path("relationship.id");
        // Closed, not deleted: it says when and by what.
        as(viewer(tenant)).get("/v1/relationships/" + inParis).then().statusCode(200)
                .body("valid_from", equalTo("2024-01-01T00:00:00Z")).body("valid_to", equalTo("2025-03-01T00:00:00Z"))
                .body("invalidated_by", equalTo(inLyon)).body("invalidated_at", notNullValue());
        // Where did Alice live in June 2024? In March 2025? Now?
        neighbours(tenant, alice, "2024-06-15T00:00:00Z").body("neighbours.entity.name", equalTo(List.of("Paris")))
                .body("neighbours[0].via.id", equalTo(inParis)).body("neighbours[0].depth", equalTo(1));
        neighbours(tenant, alice, "2025-03-15T00:00:00Z").body("neighbours.entity.name", equalTo(List.of("Lyon")));
        neighbours(tenant, alice, null).body("neighbours.entity.name", equalTo(List.of("Lyon")));
        neighbours(tenant, alice, "2023-06-15T00:00:00Z").body("neighbours", hasSize(0));
        as(viewer(tenant)).queryParam("source_entity_id", alice).queryParam("as_of", "2024-06-15T00:00:00Z")
                .get("/v1/relationships").then().statusCode(200).body("items.id", equalTo(List.of(inParis)));
        // The entity's history holds both facts.
        as(viewer(tenant)).get("/v1/entities/" + alice + "/history").then().statusCode(200)
                .body("items.id", equalTo(List.of(inLyon, inParis)));
    }

    @Test
    void restatingACurrentFactCreatesNothing() {
        UUID tenant = UUID.randomUUID();
        String bob = entity(tenant, "Bob", "person");
        String acme = entity(tenant, "Acme", "company");
        String first = as(runtime(tenant)).body(fact(bob, "works_at", acme, "2024-01-01T00:00:00Z")).post("/v1/relationships")
                .then().statusCode(201).extract().path("relationship.id");
        as(runtime(tenant)).body(fact(bob, "works_at", acme, "2024-06-01T00:00:00Z")).post("/v1/relationships").then()
                .statusCode(200).body("created", equalTo(false)).body("relationship.id", equalTo(first));
        assertEquals(1L, rowCounts(tenant).get("relationships"));
    }

    @Test
    void nonExclusiveFactsAccumulateAndExclusiveCanBeAskedFor() {
        UUID tenant = UUID.randomUUID();
        String carol = entity(tenant, "Carol", "person");
        String tea = entity(tenant, "Green tea", "product");
        String coffee = entity(tenant, "Coffee", "product");
        as(runtime(tenant)).body(fact(carol, "likes", tea, null)).post("/v1/relationships").then().statusCode(201);
        as(runtime(tenant)).body(fact(carol, "likes", coffee, null)).post("/v1/relationships").then().statusCode(201)
                .body("closed", hasSize(0));
        neighbours(tenant, carol, null).body("neighbours.entity.name", containsInAnyOrder("Green tea", "Coffee"));
        // "likes" is not exclusive by default, but a caller may say it is.
        String juice = entity(tenant, "Juice", "product");
        Map<String, Object> onlyJuice = fact(carol, "likes", juice, null);
        onlyJuice.put("exclusive", true);
        as(runtime(tenant)).body(onlyJuice).post("/v1/relationships").then().statusCode(201).body("closed", hasSize(2));
        neighbours(tenant, carol, null).body("neighbours.entity.name", equalTo(List.of("Juice")));
    }

    @Test
    void aFactLearnedLateFillsHistoryWithoutClosingTheLaterOne() {
        UUID tenant = UUID.randomUUID();
        String dan = entity(tenant, "Dan", "person");
        String hanoi = entity(tenant, "Hanoi", "city");
        String hue = entity(tenant, "Hue", "city");
        String now = as(runtime(tenant)).body(fact(dan, "lives_in", hanoi, "2025-01-01T00:00:00Z")).post("/v1/relationships")
                .then().statusCode(201).extract().path("relationship.id");
        // Learned afterwards: he lived in Hue from 2020. That fact ends where the known later one starts.
        as(runtime(tenant)).body(fact(dan, "lives_in", hue, "2020-01-01T00:00:00Z")).post("/v1/relationships").then()
                .statusCode(201).body("closed", hasSize(0)).body("relationship.valid_to", equalTo("2025-01-01T00:00:00Z"));
        as(viewer(tenant)).get("/v1/relationships/" + now).then().statusCode(200).body("valid_to", nullValue());
        neighbours(tenant, dan, "2022-01-01T00:00:00Z").body("neighbours.entity.name", equalTo(List.of("Hue")));
    }

    @Test
    void closingAFactByHandKeepsIt() {
        UUID tenant = UUID.randomUUID();
        String fay = entity(tenant, "Fay", "person");
        String plan = entity(tenant, "Gold plan", "plan");
        String id = as(runtime(tenant)).body(fact(fay, "has_plan", plan, "2025-01-01T00:00:00Z")).post("/v1/relationships").then()
                .statusCode(201).extract().path("relationship.id");
        as(runtime(tenant)).body(Map.of("valid_to", "2024-01-01T00:00:00Z")).patch("/v1/relationships/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("valid_to"));
        as(runtime(tenant)).body(Map.of("valid_to", "2025-06-01T00:00:00Z", "confidence", 0.8)).patch("/v1/relationships/" + id)
                .then().statusCode(200).body("valid_to", equalTo("2025-06-01T00:00:00Z")).body("confidence", equalTo(0.8f))
                .body("invalidated_at", nullValue());
        neighbours(tenant, fay, null).body("neighbours", hasSize(0));
        neighbours(tenant, fay, "2025-02-01T00:00:00Z").body("neighbours.entity.name", equalTo(List.of("Gold plan")));
    }

    @Test
    void badRelationshipsAreRefusedAndNothingIsWritten() {
        UUID tenant = UUID.randomUUID();
        String gil = entity(tenant, "Gil", "person");
        String city = entity(tenant, "Rome", "city");
        as(runtime(tenant)).body(fact(gil, "lives_in", gil, null)).post("/v1/relationships").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("target_entity_id"));
        as(runtime(tenant)).body(fact(gil, "Lives In", city, null)).post("/v1/relationships").then().statusCode(400)
                .body("errors[0].field", equalTo("relationship_type"));
        as(runtime(tenant)).body(fact(gil, "lives_in", UUID.randomUUID().toString(), null)).post("/v1/relationships").then()
                .statusCode(404).contentType(PROBLEM);
        Map<String, Object> backwards = fact(gil, "lives_in", city, "2025-01-01T00:00:00Z");
        backwards.put("valid_to", "2024-01-01T00:00:00Z");
        as(runtime(tenant)).body(backwards).post("/v1/relationships").then().statusCode(400).body("errors[0].field", equalTo("valid_to"));
        Map<String, Object> confident = fact(gil, "lives_in", city, null);
        confident.put("confidence", 2);
        as(runtime(tenant)).body(confident).post("/v1/relationships").then().statusCode(400).body("errors[0].field", equalTo("confidence"));
        as(runtime(tenant)).body(Map.of("name", "x", "entity_type", "Not Snake")).post("/v1/entities").then().statusCode(400)
                .body("errors[0].field", equalTo("entity_type"));
        assertEquals(0L, rowCounts(tenant).get("relationships"));
        assertEquals(2L, rowCounts(tenant).get("entities"));
    }

    @Test
    void anotherTenantSeesAndChangesNothing() {
        UUID a = tenantA;
        UUID b = tenantB;
        String alice = entity(a, "Alice", "person");
        String paris = entity(a, "Paris", "city");
        String rel = as(runtime(a)).body(fact(alice, "lives_in", paris, null)).post("/v1/relationships").then().statusCode(201)
                .extract().path("relationship.id");
        String other = runtime(b);
        as(other).get("/v1/entities/" + alice).then().statusCode(404).contentType(PROBLEM);
        as(other).body(Map.of("name", "Mallory")).patch("/v1/entities/" + alice).then().statusCode(404);
        as(other).delete("/v1/entities/" + alice).then().statusCode(404);
        as(other).get("/v1/entities/" + alice + "/neighbours").then().statusCode(404).contentType(PROBLEM);
        as(other).get("/v1/entities/" + alice + "/history").then().statusCode(404).contentType(PROBLEM);
        as(other).get("/v1/entities").then().statusCode(200).body("items", hasSize(0));
        as(other).get("/v1/relationships/" + rel).then().statusCode(404);
        as(other).body(Map.of("confidence", 0.1)).patch("/v1/relationships/" + rel).then().statusCode(404);
        as(other).get("/v1/relationships").then().statusCode(200).body("items", hasSize(0));
        // Linking to another tenant's entities is refused as if they did not exist.
        String mine = entity(b, "Bob", "person");
        as(other).body(fact(mine, "lives_in", paris, null)).post("/v1/relationships").then().statusCode(404);
        as(other).body(fact(alice, "lives_in", mine, null)).post("/v1/relationships").then().statusCode(404);
        assertEquals(0L, rowCounts(b).get("relationships"));
        as(runtime(a)).get("/v1/relationships/" + rel).then().statusCode(200).body("confidence", equalTo(1.0f));
        as(runtime(a)).get("/v1/entities/" + alice).then().statusCode(200).body("name", equalTo("Alice"));
    }
}
