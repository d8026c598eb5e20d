package dev.agentry.config.user;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UserResourceTest extends ConfigTwoTenantTest {

    private static String createUser(UUID tenant, String email) {
        return as(tenantAdmin(tenant)).body(Map.of("email", email, "password", "correct horse battery", "role", "admin",
                "full_name", "Nguyễn Văn An", "permissions", List.of("agents:read")))
                .post("/v1/users").then().statusCode(201).extract().path("id");
    }

    @Test
    void createReadUpdateDelete() {
        String id = createUser(tenantA, "Ana@Example.com");
        as(tenantAdmin(tenantA)).get("/v1/users/" + id).then().statusCode(200)
                .body("email", equalTo("ana@example.com")).body("role", equalTo("admin"))
                .body("full_name", equalTo("Nguyễn Văn An")).body("permissions", equalTo(List.of("agents:read")))
                .body("status", equalTo("active")).body("$", not(hasKey("password_hash"))).body("$", not(hasKey("password")));
        as(tenantAdmin(tenantA)).body(Map.of("status", "suspended", "first_name", "An")).patch("/v1/users/" + id)
                .then().statusCode(200).body("status", equalTo("suspended")).body("first_name", equalTo("An"))
                .body("email", equalTo("ana@example.com"));
        as(TestTokens.forTenant(tenantA, Roles.AUDITOR)).get("/v1/users").then().statusCode(200).body("items.id", hasItem(id));
        as(tenantAdmin(tenantA)).delete("/v1/users/" + id).then().statusCode(204);
        as(tenantAdmin(tenantA)).get("/v1/users/" + id).then().statusCode(404);
        as(tenantAdmin(tenantA)).delete("/v1/users/" + id).then().statusCode(404);
        // The email is free again once the user is deleted.
        createUser(tenantA, "ana@example.com");
    }

    @Test
    void emailIsUniquePerTenantOnly() {
        createUser(tenantA, "same@example.com");
        as(tenantAdmin(tenantA)).body(Map.of("email", "SAME@example.com", "password", "another long password"))
                .post("/v1/users").then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("email"));
        createUser(tenantB, "same@example.com");
    }

    @Test
    void anotherTenantCannotSeeOrChangeUsers() {
        String id = createUser(tenantA, "private@example.com");
        String b = tenantAdmin(tenantB);
        as(b).get("/v1/users/" + id).then().statusCode(404).contentType("application/problem+json");
        as(b).get("/v1/users").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(b).body(Map.of("status", "inactive")).patch("/v1/users/" + id).then().statusCode(404);
        as(b).delete("/v1/users/" + id).then().statusCode(404);
        as(tenantAdmin(tenantA)).get("/v1/users/" + id).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void viewerAndRuntimeCannotManageUsers() {
        as(TestTokens.forTenant(tenantA, Roles.VIEWER)).get("/v1/users").then().statusCode(403);
        as(TestTokens.forTenant(tenantA, Roles.AGENT_RUNTIME)).body(Map.of("email", "x@example.com", "password",
                "correct horse battery")).post("/v1/users").then().statusCode(403);
        // The runtime (human support agents, the support desk) reads one user by id, never the list.
        String id = createUser(tenantA, "assignee@example.com");
        String runtime = TestTokens.forTenant(tenantA, Roles.AGENT_RUNTIME);
        as(runtime).get("/v1/users/" + id).then().statusCode(200).body("id", equalTo(id));
        as(runtime).get("/v1/users").then().statusCode(403);
        as(TestTokens.forTenant(tenantB, Roles.AGENT_RUNTIME)).get("/v1/users/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        String admin = tenantAdmin(tenantA);
        int before = as(admin).queryParam("limit", 200).get("/v1/users").then().extract().path("items.size()");
        as(admin).body(Map.of("email", "not-an-email", "password", "correct horse battery")).post("/v1/users")
                .then().statusCode(400).body("errors.field", hasItem("email"));
        as(admin).body(Map.of("email", "short@example.com", "password", "short")).post("/v1/users")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        as(admin).body(Map.of("email", "role@example.com", "password", "correct horse battery", "role", "god"))
                .post("/v1/users").then().statusCode(400).body("errors[0].field", equalTo("role"));
        as(admin).body(Map.of("email", "type@example.com", "password", "correct horse battery", "email_verified", "yes"))
                .post("/v1/users").then().statusCode(400).body("errors[0].field", equalTo("email_verified"));
        as(admin).body(Map.of("email", "unknown@example.com", "password", "correct horse battery", "is_root", true))
                .post("/v1/users").then().statusCode(400).body("errors[0].field", equalTo("is_root"));
        as(admin).body(Map.of("permissions", List.of(""))).patch("/v1/users/" + UUID.randomUUID()).then().statusCode(400);
        int after = as(admin).queryParam("limit", 200).get("/v1/users").then().extract().path("items.size()");
        org.junit.jupiter.api.Assertions.assertEquals(before, after);
    }
}
