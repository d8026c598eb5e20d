package dev.agentry.catalog;

import dev.agentry.common.testing.TestApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Shared steps of catalog-service tests: tokens per role, fixtures made through the API, row counts. */
public final class CatalogTestSupport extends TestApi {

    public static final List<String> TABLES = List.of("knowledge_domain", "domain_attribute_definition", "system_capability",
            "tenant_offering", "tenant_offering_version", "tenant_offering_attribute_value", "tenant_offering_variant",
            "tenant_sales_channel", "tenant_price_list", "tenant_variant_price", "tenant_inventory_location",
            "tenant_inventory_item", "tenant_guardrail", "tenant_semantic_cache", "migration_job", "bot", "bot_version",
            "bot_capability", "bot_version_event", "bot_traffic_split", "bot_faq", "tenant_guardrail_keyword_list",
            "tenant_semantic_cache_source", "tenant_semantic_cache_settings");

    private CatalogTestSupport() {
    }

    /** A global domain made by a platform admin (of {@code tenant}); answers its id. */
    public static String domain(UUID tenant, String code, String name) {
        return as(platform(tenant)).body(body("code", code, "name", name)).post("/v1/domains")
                .then().statusCode(201).extract().path("id");
    }

    /** A global attribute definition of {@code domainId}; answers its id. */
    public static String globalAttribute(UUID tenant, String domainId, Map<String, Object> definition) {
        Map<String, Object> b = new LinkedHashMap<>(definition);
        b.put("visibility", "global");
        return as(platform(tenant)).body(b).post("/v1/domains/" + domainId + "/attributes")
                .then().statusCode(201).extract().path("id");
    }

    /** An offering with a first draft; answers the offering's id. */
    public static String offering(UUID tenant, String domainId, String code, String name, String description,
            Map<String, Object> attributes) {
        Map<String, Object> draft = body("name", name, "description", description, "attributes", attributes);
        Map<String, Object> b = body("domain_id", domainId, "offering_type", "asset", "code", code, "draft", draft);
        return as(admin(tenant)).body(b).post("/v1/offerings").then().statusCode(201).extract().path("id");
    }

    public static void publish(UUID tenant, String offeringId, int version) {
        as(admin(tenant)).post("/v1/offerings/" + offeringId + "/versions/" + version + "/publish").then().statusCode(200);
    }

    /** A variant of an offering; answers its id. */
    public static String variant(UUID tenant, String offeringId, String sku) {
        return as(admin(tenant)).body(body("sku", sku, "name", sku)).post("/v1/offerings/" + offeringId + "/variants")
                .then().statusCode(201).extract().path("id");
    }

    /** A bot fronting a random agent; answers its id. */
    public static String bot(UUID tenant, String code) {
        return as(admin(tenant)).body(body("code", code, "name", "Bot " + code, "agent_id", UUID.randomUUID().toString()))
                .post("/v1/bots").then().statusCode(201).extract().path("id");
    }

    /** A new version of a bot with {@code prompt}; answers its id. */
    public static String botVersion(UUID tenant, String botId, String prompt) {
        return as(admin(tenant)).body(body("system_prompt", prompt, "flow_config", Map.of("steps", List.of("greet"))))
                .post("/v1/bots/" + botId + "/versions").then().statusCode(201).extract().path("id");
    }

    /** Rows per table of one tenant: what "nothing was written" is checked by. */
    public static Map<String, Long> rowCounts(UUID tenant) {
        return rowCounts("catalog", tenant, TABLES);
    }
}
