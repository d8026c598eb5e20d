package dev.agentry.memory;

import static io.restassured.RestAssured.given;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Shared steps of memory-service tests: tokens of random tenants (tenants live in config-service). */
public final class MemoryTestSupport {

    private MemoryTestSupport() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The agent runtime of {@code tenant}: writes and reads memory. */
    public static String runtime(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.AGENT_RUNTIME);
    }

    public static String admin(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.TENANT_ADMIN);
    }

    public static String viewer(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.VIEWER);
    }
}
