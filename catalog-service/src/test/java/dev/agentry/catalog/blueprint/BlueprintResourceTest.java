package dev.agentry.catalog.blueprint;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.platform;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The global blueprint (Panache entities under row-level security). */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BlueprintResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "catalog";
    }

    @Test
    void platformAdminsWriteDomainsEveryTenantReadsThem() {
        String id = as(platform(tenantA)).body(body("code", "real_estate", "name", "Bất Động Sản",
                "flow_config", Map.of("allows_comparison", true))).post("/v1/domains")
                .then().statusCode(201).body("name", equalTo("Bất Động Sản"))
                .body("flow_config.allows_comparison", equalTo(true)).extract().path("id");
        as(viewer(tenantB)).get("/v1/domains/" + id).then().statusCode(200).body("code", equalTo("real_estate"));
        as(viewer(tenantB)).get("/v1/domains").then().statusCode(200).body("items.id", hasItem(id));
        // A tenant admin may not write the blueprint.
        as(admin(tenantA)).body(body("code", "finance", "name", "Finance")).post("/v1/domains")
                .then().statusCode(403).contentType("application/problem+json");
        // Duplicate code: 409 naming the field.
        as(platform(tenantA)).body(body("code", "real_estate", "name", "again")).post("/v1/domains")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        as(platform(tenantA)).body(body("code", "Bad Code", "name", "x")).post("/v1/domains")
                .then().statusCode(400).body("errors[0].field", equalTo("code"));
    }

    @Test
    void aTenantAddsItsOwnDefinitionsOthersSeeOnlyTheGlobalOnes() {
        String domain = as(platform(tenantA)).body(body("code", "fashion", "name", "Thời trang")).post("/v1/domains")
                .then().statusCode(201).extract().path("id");
        as(platform(tenantA)).body(body("key", "size", "value_type", "text", "scope", "variant", "visibility", "global",
                "value_constraint", Map.of("enum", List.of("S", "M", "L")))).post("/v1/domains/" + domain + "/attributes")
                .then().statusCode(201).body("visibility", equalTo("global"));
        as(admin(tenantA)).body(body("key", "fabric", "value_type", "text")).post("/v1/domains/" + domain + "/attributes")
                .then().statusCode(201).body("visibility", equalTo("tenant"));
        // A tenant admin cannot write a global definition.
        as(admin(tenantA)).body(body("key", "brand", "value_type", "text", "visibility", "global"))
                .post("/v1/domains/" + domain + "/attributes").then().statusCode(403);
        // The key is one attribute: a tenant's definition may not shadow a global one.
        as(admin(tenantB)).body(body("key", "size", "value_type", "number")).post("/v1/domains/" + domain + "/attributes")
                .then().statusCode(409).body("errors[0].field", equalTo("key"));
        as(viewer(tenantA)).get("/v1/domains/" + domain + "/attributes").then().statusCode(200)
                .body("key", containsInAnyOrder("size", "fabric"));
        as(viewer(tenantB)).get("/v1/domains/" + domain + "/attributes").then().statusCode(200)
                .body("key", containsInAnyOrder("size")).body("key", not(hasItem("fabric")));
    }

    @Test
    void badConstraintsAreRefusedAndChangeNothing() {
        String domain = as(platform(tenantA)).body(body("code", "finance", "name", "Tài chính")).post("/v1/domains")
                .then().statusCode(201).extract().path("id");
        Map<String, Long> before = rowCounts(tenantA);
        as(admin(tenantA)).body(body("key", "rate", "value_type", "text", "value_constraint", Map.of("min", 0)))
                .post("/v1/domains/" + domain + "/attributes").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("value_constraint.min"));
        as(admin(tenantA)).body(body("key", "rate", "value_type", "number", "value_constraint", Map.of("min", 5, "max", 1)))
                .post("/v1/domains/" + domain + "/attributes").then().statusCode(400)
                .body("errors[0].field", equalTo("value_constraint.max"));
        as(admin(tenantA)).body(body("key", "rate", "value_type", "decimal"))
                .post("/v1/domains/" + domain + "/attributes").then().statusCode(400);
        as(admin(tenantA)).body(body("key", "rate", "value_type", "text", "value_constraint", Map.of("pattern", "([a-z")))
                .post("/v1/domains/" + domain + "/attributes").then().statusCode(400)
                .body("errors[0].field", equalTo("value_constraint.pattern"));
        as(admin(tenantA)).body(body("key", "rate", "value_type", "number")).post("/v1/domains/" + java.util.UUID.randomUUID()
                + "/attributes").then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, rowCounts(tenantA));
    }

    @Test
    void capabilities() {
        as(platform(tenantA)).body(body("code", "offering_search", "name", "Offering search")).post("/v1/capabilities")
                .then().statusCode(201);
        as(viewer(tenantB)).get("/v1/capabilities").then().statusCode(200).body("code", hasItem("offering_search"));
        as(admin(tenantB)).body(body("code", "price_analysis", "name", "Price analysis")).post("/v1/capabilities")
                .then().statusCode(403);
    }
}
