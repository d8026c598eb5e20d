package dev.agentry.config;

import static dev.agentry.config.ConfigTestSupport.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestKeys;
import dev.agentry.common.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a token can be wrong is a 401 problem+json; a right one is let in. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JwtSecurityTest {

    static UUID tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = ConfigTestSupport.createTenant("jwt");
        }
    }

    @Test
    void validTokenIsAccepted() {
        as(TestTokens.forTenant(tenant, Roles.TENANT_ADMIN)).get("/v1/users").then().statusCode(200);
    }

    @Test
    void missingTokenIs401() {
        given().get("/v1/users").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void algNoneIs401() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"agentry\",\"aud\":\"agentry\",\"sub\":\"x\",\"tenant_id\":\"" + tenant
                + "\",\"groups\":[\"tenant-admin\"],\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
        assert401(header + "." + payload + ".");
    }

    @Test
    void wrongSigningKeyIs401() {
        assert401(TestTokens.signWith(TestTokens.claims(tenant, Roles.TENANT_ADMIN), TestKeys.FOREIGN_PRIVATE_KEY));
    }

    @Test
    void expiredTokenIs401() {
        assert401(TestTokens.sign(TestTokens.claims(tenant, Roles.TENANT_ADMIN)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))));
    }

    @Test
    void wrongIssuerIs401() {
        assert401(TestTokens.sign(TestTokens.claims(tenant, Roles.TENANT_ADMIN).issuer("https://evil.example")));
    }

    @Test
    void wrongAudienceIs401() {
        assert401(TestTokens.sign(TestTokens.claims(tenant, Roles.TENANT_ADMIN).audience("someone-else")));
    }

    @Test
    void missingTenantClaimIs401() {
        assert401(TestTokens.sign(TestTokens.claims(tenant, Roles.TENANT_ADMIN).remove("tenant_id")));
    }

    @Test
    void malformedTenantClaimIs401() {
        assert401(TestTokens.sign(TestTokens.claims(tenant, Roles.TENANT_ADMIN).claim("tenant_id", "not-a-uuid")));
        assert401(TestTokens.sign(TestTokens.claims(tenant, Roles.TENANT_ADMIN).claim("tenant_id", 42)));
    }

    @Test
    void tamperedPayloadIs401() {
        String token = TestTokens.forTenant(tenant, Roles.VIEWER);
        String[] parts = token.split("\\.");
        String forged = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("viewer", "platform-admin"));
        assert401(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void garbageBearerIs401() {
        assert401("not.a.jwt");
    }

    @Test
    void insufficientRoleIs403() {
        as(TestTokens.forTenant(tenant, Roles.VIEWER)).body("{\"email\":\"a@b.example\",\"password\":\"long enough password\"}")
                .post("/v1/users").then().statusCode(403).contentType("application/problem+json");
    }

    private static void assert401(String token) {
        given().auth().oauth2(token).get("/v1/users").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
