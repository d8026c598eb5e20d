package dev.agentry.catalog.pricing;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.offering;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.variant;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channels, price lists (no overlaps), exact prices, price resolution at the boundaries. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PricingResourceTest extends TwoTenantTest {

    private static final JsonPathConfig DECIMALS = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @Override
    protected String schema() {
        return "catalog";
    }

    private String priceList(String channelId, String code, String from, String to) {
        return as(admin(tenantA)).body(body("channel_id", channelId, "code", code, "currency", "VND", "valid_from", from,
                "valid_to", to)).post("/v1/price-lists").then().statusCode(201).extract().path("id");
    }

    private BigDecimal amountAt(String variantId, String channel, String at) {
        var request = as(viewer(tenantA)).queryParam("currency", "VND").queryParam("at", at);
        if (channel != null) {
            request = request.queryParam("channel", channel);
        }
        return request.get("/v1/variants/" + variantId + "/price").then().statusCode(200).extract().jsonPath(DECIMALS)
                .getObject("amount", BigDecimal.class);
    }

    @Test
    void resolutionAtTheBoundariesWithFallbackToTheDefaultList() {
        String offeringId = offering(tenantA, null, "phone-1", "Điện thoại", null, Map.of());
        String variantId = variant(tenantA, offeringId, "PHONE-1-BLACK");
        String zalo = as(admin(tenantA)).body(body("code", "zalo_oa", "name", "Zalo OA")).post("/v1/channels")
                .then().statusCode(201).extract().path("id");
        String fallback = priceList(null, "default-vnd", null, null);
        String tet = priceList(zalo, "zalo-tet", "2026-02-01T00:00:00Z", "2026-02-15T00:00:00Z");
        String later = priceList(zalo, "zalo-after-tet", "2026-02-15T00:00:00Z", null);
        as(admin(tenantA)).body(body("variant_id", variantId, "amount", new BigDecimal("12990000"))).put("/v1/price-lists/" + fallback + "/prices")
                .then().statusCode(200);
        as(admin(tenantA)).body(body("variant_id", variantId, "amount", new BigDecimal("11990000.50"), "compare_at",
                new BigDecimal("12990000"))).put("/v1/price-lists/" + tet + "/prices").then().statusCode(200);
        as(admin(tenantA)).body(body("variant_id", variantId, "amount", new BigDecimal("12490000.123456")))
                .put("/v1/price-lists/" + later + "/prices").then().statusCode(200);

        // Before the channel's first list: the default list.
        assertEquals(new BigDecimal("12990000"), amountAt(variantId, "zalo_oa", "2026-01-31T23:59:59.999Z"));
        // valid_from is inclusive.
        assertEquals(new BigDecimal("11990000.50"), amountAt(variantId, "zalo_oa", "2026-02-01T00:00:00Z"));
        assertEquals(new BigDecimal("11990000.50"), amountAt(variantId, "zalo_oa", "2026-02-14T23:59:59.999999Z"));
        // valid_to is exclusive: at the instant the next list starts, it applies.
        assertEquals(new BigDecimal("12490000.123456"), amountAt(variantId, "zalo_oa", "2026-02-15T00:00:00Z"));
        // No channel: the default list.
        assertEquals(new BigDecimal("12990000"), amountAt(variantId, null, "2026-02-05T00:00:00Z"));
        as(viewer(tenantA)).queryParam("currency", "VND").queryParam("channel", "zalo_oa").queryParam("at", "2026-02-05T00:00:00Z")
                .get("/v1/variants/" + variantId + "/price").then().statusCode(200).body("source", equalTo("channel"))
                .body("price_list_code", equalTo("zalo-tet"));
        // Writing a price again replaces it: one row per (list, variant, currency).
        as(admin(tenantA)).body(body("variant_id", variantId, "amount", new BigDecimal("13000000")))
                .put("/v1/price-lists/" + fallback + "/prices").then().statusCode(200);
        as(viewer(tenantA)).get("/v1/price-lists/" + fallback + "/prices").then().statusCode(200).body("$", hasSize(1));
        // Other currency: nothing applies.
        as(viewer(tenantA)).queryParam("currency", "USD").get("/v1/variants/" + variantId + "/price").then().statusCode(404)
                .contentType("application/problem+json");
        as(viewer(tenantA)).queryParam("currency", "usd").get("/v1/variants/" + variantId + "/price").then().statusCode(400);
        as(viewer(tenantA)).queryParam("currency", "VND").queryParam("at", "yesterday").get("/v1/variants/" + variantId + "/price")
                .then().statusCode(400).contentType("application/problem+json");
        // The other tenant sees none of it.
        as(viewer(tenantB)).queryParam("currency", "VND").get("/v1/variants/" + variantId + "/price").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/price-lists").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("default-vnd")));
        as(viewer(tenantB)).get("/v1/price-lists/" + fallback + "/prices").then().statusCode(404);
        as(admin(tenantB)).body(body("variant_id", variantId, "amount", 1)).put("/v1/price-lists/" + fallback + "/prices")
                .then().statusCode(404);
    }

    @Test
    void overlappingListsOfOneChannelAndCurrencyAreRefused() {
        String web = as(admin(tenantA)).body(body("code", "web")).post("/v1/channels").then().statusCode(201).extract().path("id");
        priceList(web, "web-q1", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z");
        Map<String, Long> before = rowCounts(tenantA);
        as(admin(tenantA)).body(body("channel_id", web, "code", "web-march", "currency", "VND", "valid_from", "2026-03-01T00:00:00Z",
                "valid_to", "2026-05-01T00:00:00Z")).post("/v1/price-lists").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("valid_from"));
        as(admin(tenantA)).body(body("channel_id", web, "code", "web-open", "currency", "VND")).post("/v1/price-lists")
                .then().statusCode(409);
        as(admin(tenantA)).body(body("channel_id", web, "code", "web-bad", "currency", "VND", "valid_from", "2026-06-01T00:00:00Z",
                "valid_to", "2026-05-01T00:00:00Z")).post("/v1/price-lists").then().statusCode(400)
                .body("errors[0].field", equalTo("valid_to"));
        as(admin(tenantA)).body(body("code", "web", "name", "again")).post("/v1/channels").then().statusCode(409)
                .body("errors[0].field", equalTo("code"));
        assertEquals(before, rowCounts(tenantA));
        // Touching ranges do not overlap (valid_to exclusive); another currency is another series.
        priceList(web, "web-q2", "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z");
        as(admin(tenantA)).body(body("channel_id", web, "code", "web-usd", "currency", "USD", "valid_from", "2026-03-01T00:00:00Z"))
                .post("/v1/price-lists").then().statusCode(201);
        // Another tenant's channel cannot be used, and its own lists never clash with A's.
        as(admin(tenantB)).body(body("channel_id", web, "code", "b", "currency", "VND")).post("/v1/price-lists").then().statusCode(400)
                .body("errors[0].field", equalTo("channel_id"));
        as(admin(tenantB)).body(body("code", "b-default", "currency", "VND")).post("/v1/price-lists").then().statusCode(201);
    }
}
