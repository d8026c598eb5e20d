package dev.agentry.catalog.offering;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.domain;
import static dev.agentry.catalog.CatalogTestSupport.globalAttribute;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Offerings, their version lifecycle and typed attributes; variants. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OfferingResourceTest extends TwoTenantTest {

    private static String realEstate;

    @org.junit.jupiter.api.BeforeAll
    static void forgetDomain() {
        realEstate = null;
    }

    @Override
    protected String schema() {
        return "catalog";
    }

    private String realEstate() {
        if (realEstate == null) {
            realEstate = domain(tenantA, "real_estate", "Bất Động Sản");
            globalAttribute(tenantA, realEstate, body("key", "bedrooms", "value_type", "number", "is_required", true,
                    "value_constraint", Map.of("min", 1, "max", 10)));
            globalAttribute(tenantA, realEstate, body("key", "area", "value_type", "number", "value_constraint", Map.of("min", 1)));
            globalAttribute(tenantA, realEstate, body("key", "district", "value_type", "text"));
            globalAttribute(tenantA, realEstate, body("key", "has_parking", "value_type", "boolean"));
            globalAttribute(tenantA, realEstate, body("key", "color", "value_type", "text", "scope", "variant",
                    "value_constraint", Map.of("enum", List.of("white", "grey"))));
        }
        return realEstate;
    }

    private Map<String, Object> offering(String code, Map<String, Object> attributes) {
        return body("domain_id", realEstate(), "offering_type", "asset", "code", code,
                "draft", body("name", "Căn hộ " + code, "description", "Căn hộ hai phòng ngủ, Quận 7", "attributes", attributes));
    }

    @Test
    void theVersionLifecycle() {
        String id = as(admin(tenantA)).body(offering("apt-1", Map.of("bedrooms", 2, "area", 72.5, "district", "Quận 7",
                "has_parking", true))).post("/v1/offerings").then().statusCode(201)
                .body("code", equalTo("apt-1")).body("active_version", equalTo(null)).extract().path("id");
        as(viewer(tenantA)).get("/v1/offerings/" + id + "/versions/1").then().statusCode(200)
                .body("status", equalTo("draft")).body("attributes.bedrooms", equalTo(2)).body("attributes.area", equalTo(72.5f))
                .body("attributes.district", equalTo("Quận 7")).body("attributes.has_parking", equalTo(true));
        as(admin(tenantA)).post("/v1/offerings/" + id + "/versions/1/publish").then().statusCode(200)
                .body("status", equalTo("active")).body("published_at", notNullValue())
                .body("embedding_model", notNullValue());
        as(viewer(tenantA)).get("/v1/offerings/" + id).then().statusCode(200).body("active_version", equalTo(1));
        // An active version is never edited: a change is a new draft.
        as(admin(tenantA)).body(body("name", "x", "attributes", Map.of("bedrooms", 3))).put("/v1/offerings/" + id + "/versions/1")
                .then().statusCode(409).contentType("application/problem+json");
        as(admin(tenantA)).body(body("name", "Căn hộ v2", "attributes", Map.of("bedrooms", 3)))
                .post("/v1/offerings/" + id + "/versions").then().statusCode(201).body("version", equalTo(2))
                .body("status", equalTo("draft"));
        as(admin(tenantA)).body(body("name", "Căn hộ v2b", "attributes", Map.of("bedrooms", 4)))
                .put("/v1/offerings/" + id + "/versions/2").then().statusCode(200).body("attributes.bedrooms", equalTo(4));
        as(admin(tenantA)).post("/v1/offerings/" + id + "/versions/2/publish").then().statusCode(200).body("status", equalTo("active"));
        as(viewer(tenantA)).get("/v1/offerings/" + id + "/versions").then().statusCode(200)
                .body("find { it.version == 1 }.status", equalTo("archived"))
                .body("find { it.version == 2 }.status", equalTo("active"));
        // Publishing again what is no longer a draft.
        as(admin(tenantA)).post("/v1/offerings/" + id + "/versions/1/publish").then().statusCode(409);

        // The other tenant sees none of it.
        as(viewer(tenantB)).get("/v1/offerings/" + id).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get("/v1/offerings/" + id + "/versions/2").then().statusCode(404);
        as(admin(tenantB)).post("/v1/offerings/" + id + "/versions/2/publish").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/offerings").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void twoConcurrentPublishesLeaveOneActiveVersion() throws Exception {
        String id = as(admin(tenantA)).body(offering("apt-race", Map.of("bedrooms", 1))).post("/v1/offerings")
                .then().statusCode(201).extract().path("id");
        for (int i = 0; i < 3; i++) {
            as(admin(tenantA)).body(body("name", "race " + i, "attributes", Map.of("bedrooms", 2 + i)))
                    .post("/v1/offerings/" + id + "/versions").then().statusCode(201);
        }
        String token = admin(tenantA);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int v = 1; v <= 4; v++) {
                int version = v;
                results.add(pool.submit(() -> as(token).post("/v1/offerings/" + id + "/versions/" + version + "/publish")
                        .then().extract().statusCode()));
            }
            for (Future<Integer> r : results) {
                int status = r.get();
                assertTrue(status == 200 || status == 409, "status " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> statuses = as(viewer(tenantA)).get("/v1/offerings/" + id + "/versions").then().statusCode(200)
                .extract().path("status");
        assertEquals(1, statuses.stream().filter("active"::equals).count(), statuses.toString());
    }

    @Test
    void attributeErrorsNameTheAttributeAndWriteNothing() {
        realEstate();
        Map<String, Long> before = rowCounts(tenantA);
        as(admin(tenantA)).body(offering("bad-1", Map.of("bedrooms", "three"))).post("/v1/offerings").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("attributes.bedrooms"))
                .body("errors[0].message", equalTo("must be a number"));
        as(admin(tenantA)).body(offering("bad-2", Map.of("bedrooms", 11))).post("/v1/offerings").then().statusCode(400)
                .body("errors[0].field", equalTo("attributes.bedrooms")).body("errors[0].message", containsString("at most 10"));
        as(admin(tenantA)).body(offering("bad-3", Map.of("bedrooms", 2, "floors", 3))).post("/v1/offerings").then().statusCode(400)
                .body("errors.field", hasItem("attributes.floors"));
        as(admin(tenantA)).body(offering("bad-4", Map.of("bedrooms", 2, "has_parking", "yes"))).post("/v1/offerings")
                .then().statusCode(400).body("errors[0].field", equalTo("attributes.has_parking"));
        as(admin(tenantA)).body(offering("bad-5", Map.of("bedrooms", 2, "color", "white"))).post("/v1/offerings")
                .then().statusCode(400).body("errors[0].message", containsString("variant attribute"));
        as(admin(tenantA)).body(body("offering_type", "spaceship", "code", "bad-6")).post("/v1/offerings").then().statusCode(400)
                .body("errors[0].field", equalTo("offering_type"));
        as(admin(tenantA)).body("{\"offering_type\": \"asset\", \"code\": ").post("/v1/offerings").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(before, rowCounts(tenantA));
    }

    @Test
    void aMissingRequiredAttributeRefusesThePublish() {
        String id = as(admin(tenantA)).body(offering("apt-incomplete", Map.of("district", "Quận 1"))).post("/v1/offerings")
                .then().statusCode(201).extract().path("id");
        as(admin(tenantA)).post("/v1/offerings/" + id + "/versions/1/publish").then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("attributes.bedrooms"))
                .body("detail", containsString("attributes.bedrooms"));
        as(viewer(tenantA)).get("/v1/offerings/" + id + "/versions/1").then().body("status", equalTo("draft"));
    }

    @Test
    void codesAndSkusAreUniquePerTenant() {
        String id = as(admin(tenantA)).body(offering("apt-code", Map.of("bedrooms", 2))).post("/v1/offerings")
                .then().statusCode(201).extract().path("id");
        as(admin(tenantA)).body(offering("apt-code", Map.of("bedrooms", 2))).post("/v1/offerings").then().statusCode(409)
                .body("errors[0].field", equalTo("code"));
        as(admin(tenantB)).body(offering("apt-code", Map.of("bedrooms", 2))).post("/v1/offerings").then().statusCode(201);
        as(admin(tenantA)).body(body("sku", "SKU-1", "attributes", Map.of("color", "white")))
                .post("/v1/offerings/" + id + "/variants").then().statusCode(201).body("attributes.color", equalTo("white"));
        as(admin(tenantA)).body(body("sku", "SKU-1")).post("/v1/offerings/" + id + "/variants").then().statusCode(409)
                .body("errors[0].field", equalTo("sku"));
        as(admin(tenantA)).body(body("sku", "SKU-2", "attributes", Map.of("color", "red")))
                .post("/v1/offerings/" + id + "/variants").then().statusCode(400).body("errors[0].field", equalTo("attributes.color"));
        as(admin(tenantB)).body(body("sku", "SKU-9")).post("/v1/offerings/" + id + "/variants").then().statusCode(404);
        as(viewer(tenantA)).get("/v1/offerings/" + id + "/variants").then().statusCode(200).body("items", hasSize(1));
        // Soft delete frees the code.
        as(admin(tenantA)).delete("/v1/offerings/" + id).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/offerings/" + id).then().statusCode(404);
        as(admin(tenantA)).body(offering("apt-code", Map.of("bedrooms", 2))).post("/v1/offerings").then().statusCode(201);
    }
}
