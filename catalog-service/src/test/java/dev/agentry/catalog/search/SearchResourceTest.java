package dev.agentry.catalog.search;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.domain;
import static dev.agentry.catalog.CatalogTestSupport.globalAttribute;
import static dev.agentry.catalog.CatalogTestSupport.offering;
import static dev.agentry.catalog.CatalogTestSupport.publish;
import static dev.agentry.catalog.CatalogTestSupport.variant;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hybrid offering search over active versions: Vietnamese without accents, typed filters, price, stock. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SearchResourceTest extends TwoTenantTest {

    private static boolean seeded;

    @Override
    protected String schema() {
        return "catalog";
    }

    @BeforeAll
    static void forget() {
        seeded = false;
    }

    private void seed() {
        if (seeded) {
            return;
        }
        String re = domain(tenantA, "real_estate", "Bất Động Sản");
        globalAttribute(tenantA, re, body("key", "bedrooms", "value_type", "number"));
        globalAttribute(tenantA, re, body("key", "area", "value_type", "number"));
        globalAttribute(tenantA, re, body("key", "district", "value_type", "text"));
        globalAttribute(tenantA, re, body("key", "color", "value_type", "text", "scope", "variant"));
        String apt = offering(tenantA, re, "apt-q7", "Bất Động Sản Quận 7 - căn hộ cao cấp", "Căn hộ ba phòng ngủ gần trường học",
                Map.of("bedrooms", 3, "area", 90, "district", "Quận 7"));
        publish(tenantA, apt, 1);
        String house = offering(tenantA, re, "house-td", "Nhà phố Thủ Đức", "Nhà phố ba tầng, sân thượng rộng",
                Map.of("bedrooms", 4, "area", 120, "district", "Thủ Đức"));
        publish(tenantA, house, 1);
        String land = offering(tenantA, re, "land-la", "Đất nền Long An", "Lô đất thổ cư mặt tiền đường lớn",
                Map.of("bedrooms", 1, "area", 300, "district", "Long An"));
        publish(tenantA, land, 1);
        // A draft is never found.
        offering(tenantA, re, "draft-1", "Bất Động Sản nháp", "chưa công bố", Map.of("bedrooms", 2));
        // Another tenant's offering is never found.
        String other = offering(tenantB, re, "b-apt", "Bất Động Sản của B", "tenant B", Map.of("bedrooms", 3));
        publish(tenantB, other, 1);

        String white = as(admin(tenantA)).body(body("sku", "APT-Q7-WHITE", "attributes", Map.of("color", "white")))
                .post("/v1/offerings/" + apt + "/variants").then().statusCode(201).extract().path("id");
        variant(tenantA, house, "HOUSE-TD");
        String list = as(admin(tenantA)).body(body("code", "default-vnd", "currency", "VND")).post("/v1/price-lists")
                .then().statusCode(201).extract().path("id");
        as(admin(tenantA)).body(body("variant_id", white, "amount", new BigDecimal("5200000000"))).put("/v1/price-lists/" + list + "/prices")
                .then().statusCode(200);
        String wh = as(admin(tenantA)).body(body("code", "wh")).post("/v1/inventory/locations").then().statusCode(201).extract().path("id");
        as(admin(tenantA)).body(body("location_id", wh, "delta", 1)).post("/v1/variants/" + white + "/inventory/adjust")
                .then().statusCode(200);
        seeded = true;
    }

    private io.restassured.response.ValidatableResponse search(Map<String, Object> request) {
        seed();
        return as(viewer(tenantA)).body(request).post("/v1/offerings/search").then();
    }

    @Test
    void vietnameseWithoutAccentsFindsTheAccentedName() {
        search(body("query", "bat dong san", "mode", "text")).statusCode(200)
                .body("mode", equalTo("text"))
                .body("hits.code", hasItem("apt-q7"))
                .body("hits.code", not(hasItem("draft-1")))
                .body("hits.code", not(hasItem("b-apt")))
                .body("hits[0].code", equalTo("apt-q7"))
                .body("hits[0].score_parts.text_rank", equalTo(1))
                .body("hits[0].score_parts.trigram_similarity", notNullValue());
        // Hybrid: the text match ranks first, every hit carries its vector similarity too.
        search(body("query", "bat dong san", "limit", 5)).statusCode(200)
                .body("mode", equalTo("hybrid")).body("strategy", equalTo("exact"))
                .body("hits[0].code", equalTo("apt-q7"))
                .body("hits.vector_similarity", everyItem(notNullValue()))
                .body("hits.code", not(hasItem("draft-1"))).body("hits.code", not(hasItem("b-apt")));
        // Accented query, accent-less data would match the same way; a misspelt word still finds by trigrams.
        search(body("query", "Nhà Phố", "mode", "text")).statusCode(200).body("hits[0].code", equalTo("house-td"));
        search(body("query", "thu duc", "mode", "text")).statusCode(200).body("hits[0].code", equalTo("house-td"));
        // The index strategy may be forced; the answer says which ran.
        search(body("query", "can ho", "strategy", "index")).statusCode(200).body("strategy", equalTo("index"));
        search(body("query", "can ho", "mode", "vector")).statusCode(200).body("strategy", equalTo("exact"))
                .body("hits", hasSize(3));
    }

    @Test
    void typedFiltersPriceAndStock() {
        search(body("query", "nha", "filters", List.of(body("key", "bedrooms", "op", "gte", "value", 3)))).statusCode(200)
                .body("hits.code", containsInAnyOrder("apt-q7", "house-td"));
        search(body("query", "nha", "filters", List.of(body("key", "area", "op", "between", "values", List.of(100, 130)))))
                .statusCode(200).body("hits.code", containsInAnyOrder("house-td"));
        search(body("query", "nha", "filters", List.of(body("key", "district", "op", "in", "values", List.of("Quận 7", "Long An")))))
                .statusCode(200).body("hits.code", containsInAnyOrder("apt-q7", "land-la"));
        search(body("query", "nha", "filters", List.of(body("key", "color", "op", "in", "values", List.of("white")))))
                .statusCode(200).body("hits.code", containsInAnyOrder("apt-q7"));
        search(body("query", "nha", "price", body("currency", "VND", "max", new BigDecimal("6000000000")))).statusCode(200)
                .body("hits.code", containsInAnyOrder("apt-q7"));
        search(body("query", "nha", "price", body("currency", "VND", "min", new BigDecimal("6000000000")))).statusCode(200)
                .body("hits", hasSize(0));
        search(body("query", "nha", "in_stock", true)).statusCode(200).body("hits.code", containsInAnyOrder("apt-q7"));
        search(body("query", "nha", "offering_type", "service")).statusCode(200).body("hits", hasSize(0));
    }

    @Test
    void badSearchesAreProblemJson() {
        search(body("query", "nha", "filters", List.of(body("key", "floors", "op", "eq", "value", 2)))).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("filters[0].key"));
        search(body("query", "nha", "filters", List.of(body("key", "district", "op", "gte", "value", "A")))).statusCode(400)
                .body("errors[0].field", equalTo("filters[0].op"));
        search(body("query", "nha", "filters", List.of(body("key", "bedrooms", "op", "eq", "value", "two")))).statusCode(400)
                .body("errors[0].field", equalTo("filters[0].value"));
        search(body("query", "nha", "filters", List.of(body("key", "bedrooms", "op", "near", "value", 2)))).statusCode(400);
        search(body("mode", "text")).statusCode(400).body("errors[0].field", equalTo("query"));
        search(body("embedding", new float[] { 1, 2, 3 }, "embedding_model", "bge-small-en-v1.5-q", "mode", "vector")).statusCode(400)
                .contentType("application/problem+json");
        search(body("query", "nha", "strategy", "fastest")).statusCode(400);
        search(body("query", "nha", "price", body("currency", "VND", "channel", "nope"))).statusCode(400)
                .body("errors[0].field", equalTo("price.channel"));
        search(body("query", "nha", "limit", 1000)).statusCode(400);
        as(viewer(tenantB)).body(body("query", "bat dong san", "mode", "text")).post("/v1/offerings/search").then().statusCode(200)
                .body("hits.code", not(hasItem("apt-q7")));
    }
}
