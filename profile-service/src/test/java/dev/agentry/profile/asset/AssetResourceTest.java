package dev.agentry.profile.asset;

import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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

/** What a customer shared: {@code /v1/profiles/{id}/assets}. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AssetResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "profile";
    }

    @Test
    void assetsAreKeptListedByTypeAndRemoved() {
        UUID tenant = tenantA;
        String p = create(tenant, body());
        String assets = "/v1/profiles/" + p + "/assets";
        var order = as(runtime(tenant)).body(body("asset_type", "order", "asset_reference", " SO-2024-001 ",
                "metadata", Map.of("total", 1250000, "currency", "VND", "items", List.of("sku-1", "sku-2"))))
                .post(assets).then().statusCode(201).body("asset_reference", equalTo("SO-2024-001"))
                .body("metadata.currency", equalTo("VND")).body("metadata.items", hasSize(2)).extract();
        String orderId = order.path("id");
        assertEquals(assets + "/" + orderId, java.net.URI.create(order.header("Location")).getPath());
        String image = as(runtime(tenant)).body(body("asset_type", "image", "asset_reference", "https://cdn.example.com/a.jpg"))
                .post(assets).then().statusCode(201).body("metadata", equalTo(Map.of())).extract().path("id");
        as(viewer(tenant)).get(assets).then().statusCode(200).body("items.id", equalTo(List.of(image, orderId)));
        as(viewer(tenant)).queryParam("asset_type", "order").get(assets).then().body("items.id", equalTo(List.of(orderId)));
        as(viewer(tenant)).queryParam("limit", 1).get(assets).then().body("items.id", equalTo(List.of(image)))
                .body("next_cursor", org.hamcrest.Matchers.notNullValue());
        as(viewer(tenant)).get(assets + "/" + orderId).then().statusCode(200).body("asset_type", equalTo("order"))
                .body("metadata.total", equalTo(1250000));
        as(runtime(tenant)).delete(assets + "/" + orderId).then().statusCode(204);
        as(viewer(tenant)).get(assets + "/" + orderId).then().statusCode(404).contentType("application/problem+json");
        as(runtime(tenant)).delete(assets + "/" + orderId).then().statusCode(404);
        as(viewer(tenant)).get(assets).then().body("items.id", equalTo(List.of(image))).body("next_cursor", nullValue());
    }

    @Test
    void badAssetsAreRefusedAndWriteNothing() {
        UUID tenant = tenantA;
        String p = create(tenant, body());
        String assets = "/v1/profiles/" + p + "/assets";
        Map<String, Long> before = rowCounts(tenant);
        as(runtime(tenant)).body(body("asset_type", "Order Form", "asset_reference", "x")).post(assets).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("asset_type"));
        as(runtime(tenant)).body(body("asset_type", "order")).post(assets).then().statusCode(400)
                .body("errors[0].field", equalTo("asset_reference"));
        as(runtime(tenant)).body(body("asset_type", "order", "asset_reference", "x", "metadata", List.of(1))).post(assets)
                .then().statusCode(400).body("errors[0].field", equalTo("metadata"));
        as(runtime(tenant)).body(body("asset_type", "order", "asset_reference", "x".repeat(2049))).post(assets)
                .then().statusCode(400).body("errors[0].field", equalTo("asset_reference"));
        as(runtime(tenant)).body(body("asset_type", "order", "asset_reference", "x"))
                .post("/v1/profiles/" + UUID.randomUUID() + "/assets").then().statusCode(404);
        as(viewer(tenant)).queryParam("asset_type", "Bad Type").get(assets).then().statusCode(400)
                .body("errors[0].field", equalTo("asset_type"));
        as(viewer(tenant)).body(body("asset_type", "order", "asset_reference", "x")).post(assets).then().statusCode(403);
        assertEquals(before, rowCounts(tenant));
    }

    @Test
    void theSecondTenantNeitherSeesNorChangesTheAssets() {
        String p = create(tenantA, body());
        String assets = "/v1/profiles/" + p + "/assets";
        String mine = as(runtime(tenantA)).body(body("asset_type", "order", "asset_reference", "SO-ISO")).post(assets)
                .then().statusCode(201).extract().path("id");
        Map<String, Long> aBefore = rowCounts(tenantA);
        as(viewer(tenantB)).get(assets).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get(assets + "/" + mine).then().statusCode(404);
        as(runtime(tenantB)).delete(assets + "/" + mine).then().statusCode(404);
        as(runtime(tenantB)).body(body("asset_type", "order", "asset_reference", "planted")).post(assets).then().statusCode(404);
        // B's own profile cannot reach A's asset either.
        String theirs = "/v1/profiles/" + create(tenantB, body()) + "/assets";
        as(viewer(tenantB)).get(theirs + "/" + mine).then().statusCode(404);
        as(runtime(tenantB)).delete(theirs + "/" + mine).then().statusCode(404);
        as(viewer(tenantB)).get(theirs).then().statusCode(200).body("items", hasSize(0));
        assertEquals(aBefore, rowCounts(tenantA));
        as(viewer(tenantA)).get(assets + "/" + mine).then().statusCode(200).body("asset_reference", equalTo("SO-ISO"));
    }
}
