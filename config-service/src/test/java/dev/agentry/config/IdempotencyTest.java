package dev.agentry.config;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.createTenant;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A retried create with the same Idempotency-Key creates once and answers the same. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IdempotencyTest {

    @Test
    void retryReplaysTheFirstAnswer() {
        UUID tenant = createTenant("idem");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("email", "once@example.com", "password", "correct horse battery");
        var first = as(tenantAdmin(tenant)).header("Idempotency-Key", key).body(body).post("/v1/users")
                .then().statusCode(201).extract();
        var second = as(tenantAdmin(tenant)).header("Idempotency-Key", key).body(body).post("/v1/users")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertEquals(first.path("id").toString(), second.path("id").toString());
        assertEquals(first.header("Location"), second.header("Location"));
        List<?> users = as(tenantAdmin(tenant)).get("/v1/users").then().extract().path("items");
        assertEquals(1, users.size());
        // Without the key the duplicate is refused as usual.
        as(tenantAdmin(tenant)).body(body).post("/v1/users").then().statusCode(409);
    }

    @Test
    void failuresDoNotConsumeTheKey() {
        UUID tenant = createTenant("idem-fail");
        String key = UUID.randomUUID().toString();
        as(tenantAdmin(tenant)).header("Idempotency-Key", key).body(Map.of("email", "bad", "password", "correct horse battery"))
                .post("/v1/users").then().statusCode(400);
        as(tenantAdmin(tenant)).header("Idempotency-Key", key)
                .body(Map.of("email", "fixed@example.com", "password", "correct horse battery"))
                .post("/v1/users").then().statusCode(201).body("email", equalTo("fixed@example.com"));
    }

    @Test
    void keysBelongToOneTenant() {
        UUID a = createTenant("idem-a");
        UUID b = createTenant("idem-b");
        String key = UUID.randomUUID().toString();
        String idA = as(tenantAdmin(a)).header("Idempotency-Key", key)
                .body(Map.of("email", "shared@example.com", "password", "correct horse battery"))
                .post("/v1/users").then().statusCode(201).extract().path("id");
        String idB = as(tenantAdmin(b)).header("Idempotency-Key", key)
                .body(Map.of("email", "shared@example.com", "password", "correct horse battery"))
                .post("/v1/users").then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        org.junit.jupiter.api.Assertions.assertNotEquals(idA, idB);
    }

    @Test
    void oversizedKeyIsRejected() {
        UUID tenant = createTenant("idem-long");
        as(tenantAdmin(tenant)).header("Idempotency-Key", "k".repeat(300))
                .body(Map.of("email", "long@example.com", "password", "correct horse battery"))
                .post("/v1/users").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }
}
