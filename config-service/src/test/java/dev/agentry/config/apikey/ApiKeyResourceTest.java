package dev.agentry.config.apikey;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.createTenant;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.slugOf;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApiKeyResourceTest extends ConfigTwoTenantTest {

    private static JsonPath createKey(UUID tenant, List<String> scopes) {
        return as(tenantAdmin(tenant)).body(Map.of("name", "runtime", "scopes", scopes)).post("/v1/api-keys")
                .then().statusCode(201).body("key", startsWith("agk_")).body("status", equalTo("active"))
                .extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse exchange(String key) {
        return given().contentType(ContentType.JSON).body(Map.of("grant_type", "api_key", "api_key", key))
                .post("/v1/auth/token").then();
    }

    @Test
    void keyIsShownOnceAndExchangesForAWorkingToken() {
        JsonPath created = createKey(tenantA, List.of("tenant-admin"));
        String key = created.getString("key");
        String id = created.getString("id");
        assertEquals(key.substring(0, 12), created.getString("key_prefix"));
        as(tenantAdmin(tenantA)).get("/v1/api-keys/" + id).then().statusCode(200).body("$", not(hasKey("key")))
                .body("$", not(hasKey("key_hash"))).body("key_prefix", equalTo(key.substring(0, 12)));
        String listed = as(tenantAdmin(tenantA)).get("/v1/api-keys").then().statusCode(200).extract().asString();
        assertFalse(listed.contains(key.substring(12)), "the secret never appears again");

        String token = exchange(key).statusCode(200).body("token_type", equalTo("Bearer"))
                .body("tenant_id", equalTo(tenantA.toString())).body("roles", equalTo(List.of("tenant-admin")))
                .extract().path("access_token");
        Map<?, ?> claims = claims(token);
        assertEquals(tenantA.toString(), claims.get("tenant_id"));
        assertEquals("api-key:" + id, claims.get("sub"));
        as(token).get("/v1/users").then().statusCode(200);
        as(tenantAdmin(tenantA)).get("/v1/api-keys/" + id).then().body("last_used_at", notNullValue());
    }

    @Test
    void anIssuedTokenIsAnRs256JwsTheJdkVerifiesWithThePublishedKey() throws Exception {
        String token = exchange(createKey(tenantA, List.of("agent-runtime")).getString("key")).statusCode(200)
                .extract().path("access_token");
        String[] parts = token.split("\\.");
        Map<?, ?> header = decode(parts[0]);
        Map<?, ?> jwk = given().get("/v1/auth/jwks").then().statusCode(200).extract().jsonPath().getMap("keys[0]");
        assertEquals("RS256", header.get("alg"));
        assertEquals("JWT", header.get("typ"));
        assertEquals(jwk.get("kid"), header.get("kid"));
        Map<?, ?> claims = decode(parts[1]);
        assertEquals("agentry", claims.get("iss"));
        assertEquals("agentry", claims.get("aud"));
        assertEquals(List.of("agent-runtime"), claims.get("groups"));
        assertEquals(900L, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
        assertNotNull(claims.get("jti"));
        // The JDK's own RSA verifies it with the published JWKS key, as every other service will.
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")))));
        Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initVerify(key);
        jdk.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(jdk.verify(Base64.getUrlDecoder().decode(parts[2])));
        // A token changed after signing does not verify.
        jdk.initVerify(key);
        jdk.update((parts[0] + "." + parts[1].substring(1)).getBytes(StandardCharsets.US_ASCII));
        assertFalse(jdk.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    private static Map<?, ?> decode(String part) throws Exception {
        return new ObjectMapper().readValue(Base64.getUrlDecoder().decode(part), Map.class);
    }

    @Test
    void revokedKeyCannotGetATokenAnymore() {
        JsonPath created = createKey(tenantA, List.of("agent-runtime"));
        exchange(created.getString("key")).statusCode(200);
        as(tenantAdmin(tenantA)).post("/v1/api-keys/" + created.getString("id") + "/revoke").then().statusCode(200)
                .body("status", equalTo("revoked")).body("revoked_at", notNullValue());
        exchange(created.getString("key")).statusCode(401).contentType("application/problem+json");
        as(tenantAdmin(tenantA)).queryParam("status", "revoked").get("/v1/api-keys").then()
                .body("items.id", hasItem(created.getString("id")));
    }

    @Test
    void suspendedTenantCannotGetTokens() {
        UUID tenant = createTenant("keys-susp");
        String key = createKey(tenant, List.of("viewer")).getString("key");
        exchange(key).statusCode(200);
        as(platformAdmin()).post("/v1/tenants/" + tenant + "/suspend").then().statusCode(200);
        exchange(key).statusCode(401);
        as(platformAdmin()).post("/v1/tenants/" + tenant + "/activate").then().statusCode(200);
        exchange(key).statusCode(200);
    }

    @Test
    void unknownOrMalformedKeysAre401() {
        exchange("agk_" + "A".repeat(43)).statusCode(401).contentType("application/problem+json");
        exchange("nonsense").statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "api_key")).post("/v1/auth/token").then()
                .statusCode(400).body("errors[0].field", equalTo("api_key"));
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "magic")).post("/v1/auth/token").then()
                .statusCode(400).body("errors[0].field", equalTo("grant_type"));
    }

    @Test
    void anotherTenantCannotSeeOrRevokeKeys() {
        JsonPath created = createKey(tenantA, List.of("viewer"));
        String id = created.getString("id");
        as(tenantAdmin(tenantB)).get("/v1/api-keys/" + id).then().statusCode(404);
        as(tenantAdmin(tenantB)).get("/v1/api-keys").then().body("items.id", not(hasItem(id)));
        as(tenantAdmin(tenantB)).post("/v1/api-keys/" + id + "/revoke").then().statusCode(404);
        as(tenantAdmin(tenantA)).get("/v1/api-keys/" + id).then().body("status", equalTo("active"));
        exchange(created.getString("key")).statusCode(200);
    }

    @Test
    void scopesAreValidated() {
        as(tenantAdmin(tenantA)).body(Map.of("name", "k", "scopes", List.of("platform-admin"))).post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes[0]"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "k", "scopes", List.of("root"))).post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes[0]"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "k", "scopes", List.of())).post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "k", "scopes", List.of("viewer"), "expires_at", "2001-01-01T00:00:00Z"))
                .post("/v1/api-keys").then().statusCode(400).body("errors[0].field", equalTo("expires_at"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "k", "scopes", List.of("viewer"), "user_id", UUID.randomUUID()))
                .post("/v1/api-keys").then().statusCode(400).body("errors[0].field", equalTo("user_id"));
    }

    @Test
    void platformAdminMintsTheFirstKeyOfANewTenant() {
        UUID tenant = createTenant("keys-first");
        String key = as(platformAdmin()).body(Map.of("name", "first admin", "scopes", List.of("tenant-admin")))
                .post("/v1/tenants/" + tenant + "/api-keys").then().statusCode(201).extract().path("key");
        exchange(key).statusCode(200).body("tenant_id", equalTo(tenant.toString()));
        as(platformAdmin()).body(Map.of("name", "x", "scopes", List.of("tenant-admin")))
                .post("/v1/tenants/" + UUID.randomUUID() + "/api-keys").then().statusCode(404);
        as(tenantAdmin(tenantA)).body(Map.of("name", "x", "scopes", List.of("tenant-admin")))
                .post("/v1/tenants/" + tenant + "/api-keys").then().statusCode(403);
    }

    @Test
    void usersSignInWithPassword() {
        as(tenantAdmin(tenantA)).body(Map.of("email", "login@example.com", "password", "correct horse battery", "role", "admin"))
                .post("/v1/users").then().statusCode(201);
        String slug = slugOf(tenantA);
        String token = given().contentType(ContentType.JSON).body(Map.of("grant_type", "password", "tenant", slug,
                "email", "LOGIN@example.com", "password", "correct horse battery"))
                .post("/v1/auth/token").then().statusCode(200).body("roles", equalTo(List.of("tenant-admin")))
                .extract().path("access_token");
        as(token).get("/v1/users").then().statusCode(200).body("items.find { it.email == 'login@example.com' }.last_login_at",
                notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "password", "tenant", slug,
                "email", "login@example.com", "password", "wrong horse battery")).post("/v1/auth/token").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "password", "tenant", slugOf(tenantB),
                "email", "login@example.com", "password", "correct horse battery")).post("/v1/auth/token").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("grant_type", "password", "tenant", slug))
                .post("/v1/auth/token").then().statusCode(400).body("errors.field", hasItem("email"));
    }

    @Test
    void jwksPublishesTheKeyTokensAreSignedWith() throws Exception {
        JsonPath jwks = given().get("/v1/auth/jwks").then().statusCode(200).extract().jsonPath();
        String kid = jwks.getString("keys[0].kid");
        assertEquals("RS256", jwks.getString("keys[0].alg"));
        String key = createKey(tenantA, List.of("viewer")).getString("key");
        String token = exchange(key).statusCode(200).extract().path("access_token");
        Map<?, ?> header = new ObjectMapper().readValue(Base64.getUrlDecoder().decode(token.split("\\.")[0]), Map.class);
        assertEquals(kid, header.get("kid"));
        // The published modulus is the test key pair's public key.
        String pem = Files.readString(Path.of("target/test-keys/public.pem")).replaceAll("-----[A-Z ]+-----|\\s", "");
        var publicKey = (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        assertEquals(new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwks.getString("keys[0].n"))), publicKey.getModulus());
    }

    @Test
    void expiredKeyIsReportedAndRefused() throws Exception {
        // A key whose expiry passes while it exists: created valid, then aged in the database.
        JsonPath created = createKey(tenantA, List.of("viewer"));
        String id = created.getString("id");
        try (var c = java.sql.DriverManager.getConnection(
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.migrations.jdbc.url", String.class),
                "agentry_owner", "agentry_owner"); var s = c.createStatement()) {
            // The owner is subject to the forced RLS policies too: bind the tenant first.
            s.execute("SELECT set_config('app.tenant_id', '" + tenantA + "', false)");
            s.execute("UPDATE config.api_keys SET expires_at = now() - interval '1 minute' WHERE id = '" + id + "'");
        }
        as(tenantAdmin(tenantA)).get("/v1/api-keys/" + id).then().body("status", equalTo("expired"));
        exchange(created.getString("key")).statusCode(401);
    }

    private static Map<?, ?> claims(String token) {
        try {
            return decode(token.split("\\.")[1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class ObjectMapper extends com.fasterxml.jackson.databind.ObjectMapper {
    }
}
