package dev.agentry.config;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.TestApi;
import dev.agentry.common.testing.TestTokens;
import java.util.Map;
import java.util.UUID;

/** Shared steps of config-service tests: a platform admin, tenants made through the API, their tokens. */
public final class ConfigTestSupport extends TestApi {

    /** The tenant a platform admin's token names; platform rights do not depend on it. */
    public static final UUID PLATFORM_TENANT = UUID.fromString("00000000-0000-7000-8000-000000000001");

    private ConfigTestSupport() {
    }

    public static String platformAdmin() {
        return TestTokens.forTenant(PLATFORM_TENANT, Roles.PLATFORM_ADMIN);
    }

    /**
     * Creates a tenant through the API on the {@code pro} plan (room for the agents a test makes:
     * the plan limits are enforced) and answers its id.
     */
    public static UUID createTenant(String slugPrefix) {
        return createTenant(slugPrefix, "pro");
    }

    /** Creates a tenant through the API on {@code plan} and answers its id. */
    public static UUID createTenant(String slugPrefix, String plan) {
        String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = as(platformAdmin()).body(Map.of("name", "Tenant " + slug, "slug", slug, "plan", plan))
                .post("/v1/tenants").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static String slugOf(UUID tenant) {
        return as(platformAdmin()).get("/v1/tenants/" + tenant).then().statusCode(200).extract().path("slug");
    }

    public static String tenantAdmin(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.TENANT_ADMIN);
    }
}
