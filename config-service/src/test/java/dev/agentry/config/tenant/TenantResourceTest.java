package dev.agentry.config.tenant;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.createTenant;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantResourceTest extends ConfigTwoTenantTest {

    @Test
    void platformAdminCreatesTenantWithPlanDefaults() {
        String slug = "acme-" + UUID.randomUUID().toString().substring(0, 6);
        as(platformAdmin()).body(Map.of("name", "Acme", "slug", slug, "plan", "pro", "contact_email", "Ops@Acme.Example",
                "settings", Map.of("locale", "vi-VN")))
                .post("/v1/tenants").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/tenants/"))
                .body("slug", equalTo(slug)).body("status", equalTo("active")).body("plan", equalTo("pro"))
                .body("limits.max_agents", equalTo(50)).body("limits.max_daily_requests", equalTo(100000))
                .body("limits.audit_retention_days", equalTo(365))
                .body("contact_email", equalTo("ops@acme.example")).body("settings.locale", equalTo("vi-VN"))
                .body("created_at", notNullValue()).body("deleted_at", nullValue());
    }

    @Test
    void duplicateSlugIs409AndWritesNothing() {
        String slug = "dup-" + UUID.randomUUID().toString().substring(0, 6);
        as(platformAdmin()).body(Map.of("name", "One", "slug", slug)).post("/v1/tenants").then().statusCode(201);
        as(platformAdmin()).body(Map.of("name", "Two", "slug", slug)).post("/v1/tenants").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("slug"));
        List<String> names = as(platformAdmin()).queryParam("limit", 200).get("/v1/tenants").then().statusCode(200)
                .extract().path("items.findAll { it.slug == '" + slug + "' }.name");
        assertEquals(List.of("One"), names);
    }

    @Test
    void onlyPlatformAdminCreatesOrListsTenants() {
        UUID tenant = createTenant("roles");
        as(tenantAdmin(tenant)).body(Map.of("name", "X", "slug", "x-" + UUID.randomUUID().toString().substring(0, 6)))
                .post("/v1/tenants").then().statusCode(403).contentType("application/problem+json");
        as(tenantAdmin(tenant)).get("/v1/tenants").then().statusCode(403);
        as(tenantAdmin(tenant)).post("/v1/tenants/" + tenant + "/suspend").then().statusCode(403);
        as(tenantAdmin(tenant)).delete("/v1/tenants/" + tenant).then().statusCode(403);
    }

    @Test
    void membersSeeTheirOwnTenantOnlyOthersAre404() {
        UUID a = tenantA;
        UUID b = tenantB;
        as(TestTokens.forTenant(a, Roles.VIEWER)).get("/v1/tenants/" + a).then().statusCode(200).body("id", equalTo(a.toString()));
        as(TestTokens.forTenant(a, Roles.VIEWER)).get("/v1/tenants/" + b).then().statusCode(404)
                .contentType("application/problem+json");
        as(platformAdmin()).get("/v1/tenants/" + UUID.randomUUID()).then().statusCode(404);
        as(platformAdmin()).get("/v1/tenants/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void patchChangesOnlyGivenFields() {
        UUID tenant = createTenant("patch");
        as(platformAdmin()).body(Map.of("plan", "enterprise", "limits", Map.of("max_agents", 7, "max_daily_requests", 70,
                "max_monthly_tokens", 700))).patch("/v1/tenants/" + tenant).then().statusCode(200)
                .body("plan", equalTo("enterprise")).body("limits.max_agents", equalTo(7))
                .body("limits.audit_retention_days", equalTo(365)) // the pro plan's, kept: limits without it leave it as it was
                .body("name", org.hamcrest.Matchers.startsWith("Tenant patch-"));
        as(platformAdmin()).body(Map.of("limits", Map.of("max_agents", 7, "max_daily_requests", 70, "max_monthly_tokens", 700,
                "audit_retention_days", 400))).patch("/v1/tenants/" + tenant).then().statusCode(200)
                .body("limits.audit_retention_days", equalTo(400)).body("limits.max_agents", equalTo(7));
    }

    /** Limits given without a retention take the plan's; a retention of its own is kept; out of range is 400. */
    @Test
    void auditRetentionComesFromThePlanUnlessGiven() {
        String slug = "ret-" + UUID.randomUUID().toString().substring(0, 6);
        as(platformAdmin()).body(Map.of("name", "Ret", "slug", slug, "plan", "starter", "limits",
                Map.of("max_agents", 1, "max_daily_requests", 1, "max_monthly_tokens", 1))).post("/v1/tenants").then()
                .statusCode(201).body("limits.audit_retention_days", equalTo(90));
        as(platformAdmin()).body(Map.of("name", "Ret", "slug", slug + "-own", "plan", "enterprise", "limits",
                Map.of("max_agents", 1, "max_daily_requests", 1, "max_monthly_tokens", 1, "audit_retention_days", 7)))
                .post("/v1/tenants").then().statusCode(201).body("limits.audit_retention_days", equalTo(7));
        long before = countTenants();
        for (Object bad : java.util.List.of(0, 3651, "a year")) {
            as(platformAdmin()).body(Map.of("name", "Ret", "slug", slug + "-bad", "limits",
                    Map.of("max_agents", 1, "max_daily_requests", 1, "max_monthly_tokens", 1, "audit_retention_days", bad)))
                    .post("/v1/tenants").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(org.hamcrest.Matchers.startsWith("limits")));
        }
        org.junit.jupiter.api.Assertions.assertEquals(before, countTenants());
    }

    @Test
    void suspendActivateDeleteLifecycle() {
        UUID tenant = createTenant("life");
        as(platformAdmin()).post("/v1/tenants/" + tenant + "/activate").then().statusCode(200).body("status", equalTo("active"));
        as(platformAdmin()).post("/v1/tenants/" + tenant + "/suspend").then().statusCode(200).body("status", equalTo("suspended"));
        as(platformAdmin()).post("/v1/tenants/" + tenant + "/suspend").then().statusCode(200).body("status", equalTo("suspended"));
        as(platformAdmin()).post("/v1/tenants/" + tenant + "/activate").then().statusCode(200).body("status", equalTo("active"));
        as(platformAdmin()).delete("/v1/tenants/" + tenant).then().statusCode(204);
        as(platformAdmin()).get("/v1/tenants/" + tenant).then().statusCode(200).body("status", equalTo("deleted"))
                .body("deleted_at", notNullValue());
        as(platformAdmin()).post("/v1/tenants/" + tenant + "/activate").then().statusCode(404);
        as(platformAdmin()).delete("/v1/tenants/" + tenant).then().statusCode(404);
        as(platformAdmin()).get("/v1/tenants").then().statusCode(200).body("items.id", not(hasItem(tenant.toString())));
        as(platformAdmin()).queryParam("status", "deleted").get("/v1/tenants").then().statusCode(200)
                .body("items.id", hasItem(tenant.toString()));
    }

    @Test
    void deletedTenantSlugCanBeReused() {
        UUID tenant = createTenant("reuse");
        String slug = dev.agentry.config.ConfigTestSupport.slugOf(tenant);
        as(platformAdmin()).delete("/v1/tenants/" + tenant).then().statusCode(204);
        as(platformAdmin()).body(Map.of("name", "Again", "slug", slug)).post("/v1/tenants").then().statusCode(201);
    }

    @Test
    void listIsPaginatedWithCursor() {
        for (int i = 0; i < 5; i++) {
            createTenant("page");
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(platformAdmin()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/tenants").then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(
                    org.hamcrest.Matchers.lessThanOrEqualTo(2))).extract();
            List<String> ids = page.path("items.id");
            ids.forEach(id -> assertEquals(true, seen.add(id), "no tenant appears twice"));
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertEquals(true, seen.size() >= 5);
        assertNotEquals(1, pages);
        as(platformAdmin()).queryParam("limit", 0).get("/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(platformAdmin()).queryParam("limit", 500).get("/v1/tenants").then().statusCode(400);
        as(platformAdmin()).queryParam("status", "gone").get("/v1/tenants").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(platformAdmin()).queryParam("cursor", "garbage!").get("/v1/tenants").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void badInputIsProblemJsonAndWritesNothing() {
        long before = countTenants();
        as(platformAdmin()).body(Map.of("name", "Bad", "slug", "Not A Slug")).post("/v1/tenants").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("slug"));
        as(platformAdmin()).body(Map.of("name", "", "slug", "ok-slug-x")).post("/v1/tenants").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        as(platformAdmin()).body(Map.of("name", "Bad", "slug", "bad-mail", "contact_email", "not-an-email"))
                .post("/v1/tenants").then().statusCode(400).body("errors.field", hasItem("contact_email"));
        as(platformAdmin()).body(Map.of("name", "Bad", "slug", "bad-limits", "limits",
                Map.of("max_agents", -1, "max_daily_requests", 1, "max_monthly_tokens", 1)))
                .post("/v1/tenants").then().statusCode(400).body("errors.field", hasItem("limits.max_agents"));
        as(platformAdmin()).body(Map.of("name", "Bad", "slug", "bad-plan", "plan", "platinum"))
                .post("/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("plan"));
        as(platformAdmin()).body(Map.of("name", "Bad", "slug", "bad-type", "limits", "many"))
                .post("/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("limits"));
        as(platformAdmin()).body(Map.of("name", "Bad", "slug", "bad-field", "colour", "red"))
                .post("/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("unknown field"));
        as(platformAdmin()).body("{\"name\": \"Bad\", \"slug\": ").post("/v1/tenants").then().statusCode(400)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("malformed-json"));
        as(platformAdmin()).body("").post("/v1/tenants").then().statusCode(400).contentType("application/problem+json");
        as(platformAdmin()).contentType(ContentType.TEXT).body("name=x").post("/v1/tenants").then().statusCode(415)
                .contentType("application/problem+json");
        String huge = "x".repeat(1_100_000);
        as(platformAdmin()).body(Map.of("name", "Big", "slug", "big-body", "metadata", Map.of("blob", huge)))
                .post("/v1/tenants").then().statusCode(413).contentType("application/problem+json");
        assertEquals(before, countTenants());
    }

    private static long countTenants() {
        List<?> all = as(platformAdmin()).queryParam("limit", 200).get("/v1/tenants").then().statusCode(200).extract().path("items");
        return all.size();
    }
}
