package dev.agentry.catalog;

import static io.restassured.RestAssured.given;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Shared steps of catalog-service tests: tokens per role, fixtures made through the API, row counts. */
public final class CatalogTestSupport {

    public static final List<String> TABLES = List.of("knowledge_domain", "domain_attribute_definition", "system_capability",
            "tenant_offering", "tenant_offering_version", "tenant_offering_attribute_value", "tenant_offering_variant",
            "tenant_sales_channel", "tenant_price_list", "tenant_variant_price", "tenant_inventory_location",
            "tenant_inventory_item", "tenant_guardrail", "tenant_semantic_cache", "migration_job");

    private CatalogTestSupport() {
    }

    public static String admin(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.TENANT_ADMIN);
    }

    public static String platform(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.PLATFORM_ADMIN);
    }

    public static String runtime(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.AGENT_RUNTIME);
    }

    public static String viewer(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.VIEWER);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
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

    /**
     * Rows per table visible to one tenant, read straight from the database as the owner (RLS is
     * forced on the owner too, so the tenant is bound for the session): what "nothing was written" is
     * checked by.
     */
    public static Map<String, Long> rowCounts(UUID tenant) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.migrations.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.migrations.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM catalog." + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return counts;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
