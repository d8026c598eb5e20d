package dev.agentry.catalog.inventory;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.offering;
import static dev.agentry.catalog.CatalogTestSupport.runtime;
import static dev.agentry.catalog.CatalogTestSupport.variant;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Stock that never oversells. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InventoryResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "catalog";
    }

    private String location(String code) {
        return as(admin(tenantA)).body(body("code", code, "type", "warehouse")).post("/v1/inventory/locations")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void oneHundredConcurrentReservationsOfTheLastTenUnits() throws Exception {
        String variantId = variant(tenantA, offering(tenantA, null, "shirt", "Áo sơ mi", null, Map.of()), "SHIRT-M");
        String hcm = location("hcm");
        String hn = location("hn");
        as(admin(tenantA)).body(body("location_id", hcm, "delta", 6)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(200);
        as(admin(tenantA)).body(body("location_id", hn, "delta", 6, "safety_stock", 2))
                .post("/v1/variants/" + variantId + "/inventory/adjust").then().statusCode(200).body("available", equalTo(10));

        String token = runtime(tenantA);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<io.restassured.response.Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> as(token).body(body("quantity", 1))
                        .post("/v1/variants/" + variantId + "/inventory/reserve").then().extract().response()));
            }
            int ok = 0;
            int refused = 0;
            for (Future<io.restassured.response.Response> r : results) {
                io.restassured.response.Response response = r.get();
                int status = response.statusCode();
                if (status == 200) {
                    ok++;
                } else if (status == 409) {
                    refused++;
                    // A refusal says how many units were left when it was refused, as an integer extension
                    // member beside detail and the field error: fewer than the one asked for, so none.
                    assertEquals("application/problem+json", response.contentType());
                    assertEquals("https://agentry.dev/problems/insufficient-stock", response.path("type"));
                    assertEquals(0, (Integer) response.path("available"));
                    assertEquals("quantity", response.path("errors[0].field"));
                } else {
                    throw new AssertionError("unexpected status " + status);
                }
            }
            assertEquals(10, ok);
            assertEquals(90, refused);
        } finally {
            pool.shutdownNow();
        }
        as(viewer(tenantA)).get("/v1/variants/" + variantId + "/inventory").then().statusCode(200)
                .body("available", equalTo(0))
                .body("items.find { it.location_code == 'hcm' }.stock_qty", equalTo(0))
                .body("items.find { it.location_code == 'hn' }.stock_qty", equalTo(2));
        as(runtime(tenantA)).body(body("quantity", 1)).post("/v1/variants/" + variantId + "/inventory/reserve").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("Only 0 available"))
                .body("available", equalTo(0));
        // Asking for more than is there: available says what could be had (10 units are back at hcm).
        as(admin(tenantA)).body(body("location_id", hcm, "delta", 10)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(200).body("available", equalTo(10));
        as(runtime(tenantA)).body(body("quantity", 11)).post("/v1/variants/" + variantId + "/inventory/reserve").then()
                .statusCode(409).contentType("application/problem+json").body("available", equalTo(10))
                .body("detail", equalTo("Only 10 available, 11 requested")).body("errors[0].message", equalTo("only 10 available"));
    }

    @Test
    void theOpenApiDocumentSaysWhatTheInsufficientStockAnswerCarries() {
        io.restassured.path.json.JsonPath doc = io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        for (String op : List.of("reserve", "adjust")) {
            assertEquals("#/components/schemas/InsufficientStockProblem", doc.getString("paths.'/v1/variants/{id}/inventory/" + op
                    + "'.post.responses.'409'.content.'application/problem+json'.schema.$ref"));
        }
        assertEquals("integer", doc.getString("components.schemas.InsufficientStockProblem.properties.available.type"));
        org.junit.jupiter.api.Assertions.assertTrue(doc.getList("components.schemas.InsufficientStockProblem.required").contains("available"));
    }

    @Test
    void stockNeverGoesBelowZeroAndBadInputChangesNothing() {
        String variantId = variant(tenantA, offering(tenantA, null, "shoe", "Giày", null, Map.of()), "SHOE-42");
        String store = location("store-1");
        as(admin(tenantA)).body(body("location_id", store, "delta", 3)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(200).body("available", equalTo(3));
        as(admin(tenantA)).body(body("location_id", store, "delta", -4)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("delta"))
                .body("available", equalTo(3));
        as(admin(tenantA)).body(body("quantity", 4, "location_id", store)).post("/v1/variants/" + variantId + "/inventory/reserve")
                .then().statusCode(409).body("errors[0].message", equalTo("only 3 available")).body("available", equalTo(3));
        as(admin(tenantA)).body(body("quantity", 0)).post("/v1/variants/" + variantId + "/inventory/reserve").then().statusCode(400)
                .body("errors[0].field", containsString("quantity"));
        as(admin(tenantA)).body(body("quantity", "two")).post("/v1/variants/" + variantId + "/inventory/reserve").then().statusCode(400);
        as(admin(tenantA)).body(body("location_id", java.util.UUID.randomUUID().toString(), "delta", 1))
                .post("/v1/variants/" + variantId + "/inventory/adjust").then().statusCode(400).body("errors[0].field", equalTo("location_id"));
        as(admin(tenantA)).body(body("quantity", 2, "location_id", store)).post("/v1/variants/" + variantId + "/inventory/reserve")
                .then().statusCode(200).body("available", equalTo(1)).body("reserved[0].quantity", equalTo(2));
        as(admin(tenantA)).body(body("location_id", store, "delta", -1)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(200).body("available", equalTo(0)).body("items[0].stock_qty", equalTo(0));
        // The other tenant sees none of it and cannot change it.
        as(viewer(tenantB)).get("/v1/variants/" + variantId + "/inventory").then().statusCode(404);
        as(admin(tenantB)).body(body("location_id", store, "delta", 5)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(404);
        as(viewer(tenantB)).get("/v1/inventory/locations").then().statusCode(200).body("$", hasSize(0));
        as(viewer(tenantA)).get("/v1/variants/" + variantId + "/inventory").then().body("items[0].stock_qty", equalTo(0));
    }
}
