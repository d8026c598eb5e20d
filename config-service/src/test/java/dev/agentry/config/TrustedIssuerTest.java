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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An outside identity provider configured as a trusted issuer: its tokens are accepted beside
 * Agentry's own, and only when both its issuer and its key match.
 */
@QuarkusTest
@TestProfile(TrustedIssuerTest.WithTrustedIssuer.class)
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TrustedIssuerTest {

    static final String SSO = "https://sso.example.test/realms/agentry";

    /** The other test key pair plays the provider's. */
    public static class WithTrustedIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestKeys.ensure();
            return Map.of("agentry.jwt.trusted-issuers.sso.issuer", SSO,
                    "agentry.jwt.trusted-issuers.sso.publickey-location", TestKeys.FOREIGN_PUBLIC_KEY.toUri().toString());
        }
    }

    static UUID tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = ConfigTestSupport.createTenant("sso");
        }
    }

    private static JwtClaimsBuilder ssoClaims(String... roles) {
        return TestTokens.claims(tenant, roles).issuer(SSO);
    }

    @Test
    void theProvidersTokensAreAcceptedWithTheirTenantAndRoles() {
        String token = TestTokens.signWith(ssoClaims(Roles.TENANT_ADMIN), TestKeys.FOREIGN_PRIVATE_KEY);
        as(token).get("/v1/users").then().statusCode(200);
        String viewer = TestTokens.signWith(ssoClaims(Roles.VIEWER), TestKeys.FOREIGN_PRIVATE_KEY);
        as(viewer).body("{\"email\":\"sso@b.example\",\"password\":\"long enough password\"}").post("/v1/users")
                .then().statusCode(403);
    }

    @Test
    void ownTokensStillWork() {
        as(TestTokens.forTenant(tenant, Roles.TENANT_ADMIN)).get("/v1/users").then().statusCode(200);
    }

    @Test
    void theProvidersIssuerWithAnotherKeyIs401() {
        assert401(TestTokens.sign(ssoClaims(Roles.TENANT_ADMIN)));
    }

    @Test
    void theOwnIssuerWithTheProvidersKeyIs401() {
        assert401(TestTokens.signWith(TestTokens.claims(tenant, Roles.TENANT_ADMIN), TestKeys.FOREIGN_PRIVATE_KEY));
    }

    @Test
    void theProvidersTokensAreCheckedLikeOwnOnes() {
        assert401(TestTokens.signWith(ssoClaims(Roles.TENANT_ADMIN).audience("someone-else"), TestKeys.FOREIGN_PRIVATE_KEY));
        assert401(TestTokens.signWith(ssoClaims(Roles.TENANT_ADMIN).remove("tenant_id"), TestKeys.FOREIGN_PRIVATE_KEY));
        assert401(TestTokens.signWith(ssoClaims(Roles.TENANT_ADMIN).expiresAt(java.time.Instant.now().minusSeconds(60)),
                TestKeys.FOREIGN_PRIVATE_KEY));
    }

    @Test
    void anUnknownIssuerIs401WhicheverKeySignedIt() {
        assert401(TestTokens.signWith(TestTokens.claims(tenant, Roles.TENANT_ADMIN).issuer("https://evil.example"),
                TestKeys.FOREIGN_PRIVATE_KEY));
        assert401(TestTokens.sign(TestTokens.claims(tenant, Roles.TENANT_ADMIN).issuer("https://evil.example")));
    }

    private static void assert401(String token) {
        given().auth().oauth2(token).get("/v1/users").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }
}
