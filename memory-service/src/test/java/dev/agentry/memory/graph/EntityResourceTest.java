package dev.agentry.memory.graph;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static dev.agentry.memory.graph.GraphTestSupport.entity;
import static dev.agentry.memory.graph.GraphTestSupport.fact;
import static dev.agentry.memory.graph.GraphTestSupport.neighbours;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Entities of the knowledge graph: created, unique per canonical name, changed, deleted, walked; tenants apart. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EntityResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "memory";
    }

    @Test
    void entitiesAreCreatedReadUpdatedDeletedAndUniquePerCanonicalName() {
        UUID tenant = UUID.randomUUID();
        String id = as(runtime(tenant)).body(Map.of("name", "  Nguyễn   Văn An ", "entity_type", "person",
                "attributes", Map.of("vip", true))).post("/v1/entities").then().statusCode(201)
                .body("name", equalTo("Nguyễn   Văn An")).body("canonical_name", equalTo("Nguyễn Văn An"))
                .body("attributes.vip", equalTo(true)).extract().path("id");
        as(runtime(tenant)).body(Map.of("name", "nguyễn văn an", "entity_type", "person")).post("/v1/entities").then()
                .statusCode(409).contentType(PROBLEM).body("errors[0].field", equalTo("canonical_name"));
        // Another type, or the same name tied to a customer, is another entity.
        entity(tenant, "Nguyễn Văn An", "company");
        entity(tenant, "Nguyễn Văn An", "person", UUID.randomUUID());
        as(viewer(tenant)).queryParam("entity_type", "person").queryParam("name", "nguyễn   văn an").get("/v1/entities").then()
                .statusCode(200).body("items", hasSize(1));
        as(runtime(tenant)).body(Map.of("attributes", Map.of("vip", false))).patch("/v1/entities/" + id).then().statusCode(200)
                .body("attributes.vip", equalTo(false)).body("canonical_name", equalTo("Nguyễn Văn An"));
        as(runtime(tenant)).delete("/v1/entities/" + id).then().statusCode(204);
        as(viewer(tenant)).get("/v1/entities/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void walksGoSeveralHopsWithTypeFiltersAndBounds() {
        UUID tenant = UUID.randomUUID();
        String erin = entity(tenant, "Erin", "person");
        String acme = entity(tenant, "Acme Corp", "company");
        String berlin = entity(tenant, "Berlin", "city");
        String germany = entity(tenant, "Germany", "country");
        as(runtime(tenant)).body(fact(erin, "works_at", acme, null)).post("/v1/relationships").then().statusCode(201);
        as(runtime(tenant)).body(fact(acme, "located_in", berlin, null)).post("/v1/relationships").then().statusCode(201);
        as(runtime(tenant)).body(fact(berlin, "part_of", germany, null)).post("/v1/relationships").then().statusCode(201);
        as(viewer(tenant)).queryParam("depth", 3).get("/v1/entities/" + erin + "/neighbours").then().statusCode(200)
                .body("neighbours.entity.name", equalTo(List.of("Acme Corp", "Berlin", "Germany")))
                .body("neighbours.depth", equalTo(List.of(1, 2, 3))).body("truncated", equalTo(false));
        as(viewer(tenant)).queryParam("depth", 3).queryParam("entity_type", "city").get("/v1/entities/" + erin + "/neighbours")
                .then().statusCode(200).body("neighbours.entity.name", equalTo(List.of("Berlin")));
        as(viewer(tenant)).queryParam("depth", 3).queryParam("relationship_type", "works_at")
                .get("/v1/entities/" + erin + "/neighbours").then().statusCode(200)
                .body("neighbours.entity.name", equalTo(List.of("Acme Corp")));
        as(viewer(tenant)).queryParam("depth", 2).queryParam("direction", "incoming").get("/v1/entities/" + germany + "/neighbours")
                .then().statusCode(200).body("neighbours.entity.name", equalTo(List.of("Berlin", "Acme Corp")));
        as(viewer(tenant)).queryParam("depth", 2).queryParam("direction", "outgoing").get("/v1/entities/" + germany + "/neighbours")
                .then().statusCode(200).body("neighbours", hasSize(0));
        as(viewer(tenant)).queryParam("depth", 9).get("/v1/entities/" + erin + "/neighbours").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("depth"));
        as(viewer(tenant)).queryParam("as_of", "yesterday").get("/v1/entities/" + erin + "/neighbours").then().statusCode(400)
                .body("errors[0].field", equalTo("as_of"));
        as(viewer(tenant)).queryParam("direction", "sideways").get("/v1/entities/" + erin + "/neighbours").then().statusCode(400)
                .body("errors[0].field", equalTo("direction"));
    }

    @Test
    void anotherTenantNeitherSeesNorChangesAnEntity() {
        String carol = entity(tenantA, "Carol", "person");
        String lyon = entity(tenantA, "Lyon", "city");
        as(runtime(tenantA)).body(fact(carol, "lives_in", lyon, null)).post("/v1/relationships").then().statusCode(201);
        String other = runtime(tenantB);
        as(other).get("/v1/entities/" + carol).then().statusCode(404).contentType(PROBLEM);
        as(other).queryParam("name", "Carol").get("/v1/entities").then().statusCode(200).body("items", hasSize(0));
        as(other).body(Map.of("attributes", Map.of("vip", true))).patch("/v1/entities/" + carol).then().statusCode(404);
        as(other).delete("/v1/entities/" + carol).then().statusCode(404);
        as(other).get("/v1/entities/" + carol + "/neighbours").then().statusCode(404);
        as(other).get("/v1/entities/" + carol + "/history").then().statusCode(404);
        // B may hold an entity of the same name and type: canonical names are unique per tenant.
        entity(tenantB, "Carol", "person");
        as(viewer(tenantA)).get("/v1/entities/" + carol).then().statusCode(200).body("attributes", equalTo(Map.of()));
        neighbours(tenantA, carol, null).body("neighbours.entity.name", equalTo(List.of("Lyon")));
    }
}
