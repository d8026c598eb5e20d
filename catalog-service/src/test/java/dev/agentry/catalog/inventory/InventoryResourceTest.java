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
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> as(token).body(body("quantity", 1))
                        .post("/v1/variants/" + variantId + "/inventory/reserve").then().extract().statusCode()));
            }
            int ok = 0;
            int refused = 0;
            for (Future<Integer> r : results) {
                int status = r.get();
                if (status == 200) {
                    ok++;
                } else if (status == 409) {
                    refused++;
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
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("Only 0 available"));
    }

    @Test
    void stockNeverGoesBelowZeroAndBadInputChangesNothing() {
        String variantId = variant(tenantA, offering(tenantA, null, "shoe", "Giày", null, Map.of()), "SHOE-42");
        String store = location("store-1");
        as(admin(tenantA)).body(body("location_id", store, "delta", 3)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(200).body("available", equalTo(3));
        as(admin(tenantA)).body(body("location_id", store, "delta", -4)).post("/v1/variants/" + variantId + "/inventory/adjust")
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("delta"));
        as(admin(tenantA)).body(body("quantity", 4, "location_id", store)).post("/v1/variants/" + variantId + "/inventory/reserve")
                .then().statusCode(409).body("errors[0].message", equalTo("only 3 available"));
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
