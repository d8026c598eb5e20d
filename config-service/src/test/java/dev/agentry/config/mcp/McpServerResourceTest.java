package dev.agentry.config.mcp;

import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.LogCapture;
import dev.agentry.config.ConfigTwoTenantTest;
import dev.agentry.common.secret.SecretCipher;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class McpServerResourceTest extends ConfigTwoTenantTest {

    static String server;

    @Inject
    TenantTransactions tx;

    @Inject
    SecretCipher cipher;

    @BeforeEach
    void registerServer() {
        if (server == null) {
            server = as(platformAdmin()).body(Map.of("name", "GitHub", "slug", "github", "transport", "stdio",
                    "command", "npx -y @modelcontextprotocol/server-github", "category", "integration",
                    "config_schema", Map.of("type", "object", "required", List.of("owner"), "properties",
                            Map.of("owner", Map.of("type", "string"), "token", Map.of("type", "string"))),
                    "tool_definitions", List.of(Map.of("name", "create_issue")), "documentation_url", "https://example.com/docs"))
                    .post("/v1/mcp-servers").then().statusCode(201).body("transport", equalTo("stdio")).body("is_public", equalTo(true))
                    .extract().path("id");
        }
    }

    @Test
    void theRegistryIsThePlatformsAndTenantsSeePublicServersOnly() {
        String hidden = as(platformAdmin()).body(Map.of("name", "Internal", "slug", "internal", "transport", "sse",
                "command", "https://mcp.internal/sse", "is_public", false)).post("/v1/mcp-servers").then().statusCode(201).extract().path("id");
        as(viewer(tenantA)).get("/v1/mcp-servers").then().statusCode(200).body("items.id", hasItem(server))
                .body("items.id", not(hasItem(hidden)));
        as(viewer(tenantA)).get("/v1/mcp-servers/" + hidden).then().statusCode(404);
        as(platformAdmin()).get("/v1/mcp-servers/" + hidden).then().statusCode(200);
        as(tenantAdmin(tenantA)).body(Map.of("mcp_server_id", hidden, "config", Map.of())).post("/v1/mcp-server-configs").then()
                .statusCode(400).body("errors[0].field", equalTo("mcp_server_id"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "x", "slug", "x", "transport", "stdio", "command", "x")).post("/v1/mcp-servers")
                .then().statusCode(403);
        as(tenantAdmin(tenantA)).body(Map.of("status", "disabled")).patch("/v1/mcp-servers/" + server).then().statusCode(403);
        as(platformAdmin()).body(Map.of("name", "x", "slug", "github", "transport", "stdio", "command", "x")).post("/v1/mcp-servers")
                .then().statusCode(409).body("errors[0].field", equalTo("slug"));
        as(platformAdmin()).body(Map.of("name", "x", "slug", "y", "transport", "pigeon", "command", "x")).post("/v1/mcp-servers")
                .then().statusCode(400).body("errors[0].field", equalTo("transport"));
        as(platformAdmin()).body(Map.of("name", "x", "slug", "y", "transport", "sse", "command", "x", "config_schema",
                Map.of("properties", Map.of("a", Map.of("type", "int"))))).post("/v1/mcp-servers").then().statusCode(400)
                .body("errors[0].field", equalTo("config_schema.properties.a.type"));
        as(platformAdmin()).body(Map.of("name", "x", "slug", "y", "transport", "sse", "command", "x", "documentation_url", "ftp://x"))
                .post("/v1/mcp-servers").then().statusCode(400).body("errors[0].field", equalTo("documentation_url"));
        as(platformAdmin()).delete("/v1/mcp-servers/" + hidden).then().statusCode(204);
    }

    @Test
    void tenantConfigsAreEncryptedAndShowOnlyTheirKeyNames() {
        String token = "ghp_" + UUID.randomUUID().toString().replace("-", "") + "SECRETVALUE";
        List<String> bodies = new ArrayList<>();
        String id;
        try (LogCapture logs = LogCapture.start()) {
            var created = as(tenantAdmin(tenantA)).body(Map.of("mcp_server_id", server, "config", Map.of("owner", "agentry", "token", token),
                    "env", Map.of("GITHUB_TOKEN", token), "resource_limits", Map.of("timeout_seconds", 30)))
                    .post("/v1/mcp-server-configs").then().statusCode(201).body("config_keys", contains("owner", "token"))
                    .body("env_keys", contains("GITHUB_TOKEN")).body("allowed_users", contains("all")).body("secret_key_id", equalTo("k1"))
                    .extract();
            id = created.path("id");
            bodies.add(created.asString());
            bodies.add(as(viewer(tenantA)).get("/v1/mcp-server-configs/" + id).then().statusCode(200).extract().asString());
            bodies.add(as(viewer(tenantA)).get("/v1/mcp-server-configs").then().statusCode(200).extract().asString());
            bodies.add(as(tenantAdmin(tenantA)).body(Map.of("env", Map.of("GITHUB_TOKEN", token, "DEBUG", "1"))).patch("/v1/mcp-server-configs/" + id)
                    .then().statusCode(200).body("env_keys", contains("DEBUG", "GITHUB_TOKEN")).body("config_keys", contains("owner", "token"))
                    .extract().asString());
            // The config must satisfy the server's schema; the refusal does not echo the values.
            bodies.add(as(tenantAdmin(tenantA)).body(Map.of("config", Map.of("token", token))).patch("/v1/mcp-server-configs/" + id)
                    .then().statusCode(400).body("errors[0].field", equalTo("config.owner")).extract().asString());
            bodies.add(as(tenantAdmin(tenantB)).body(Map.of("mcp_server_id", server, "config", Map.of("owner", 5, "token", token)))
                    .post("/v1/mcp-server-configs").then().statusCode(400).body("errors[0].field", equalTo("config.owner")).extract().asString());
            for (String body : bodies) {
                assertFalse(body.contains("SECRETVALUE"), body);
            }
            assertFalse(logs.contains("SECRETVALUE"), "a secret was logged");
        }
        Row row = tx.inTenant(tenantA, conn -> conn.query("SELECT config_ciphertext, env_ciphertext, secret_key_id FROM mcp_server_configs")
                .execute()).map(rows -> rows.iterator().next()).await().atMost(Duration.ofSeconds(10));
        byte[] config = row.getBuffer("config_ciphertext").getBytes();
        byte[] env = row.getBuffer("env_ciphertext").getBytes();
        assertFalse(new String(config, StandardCharsets.ISO_8859_1).contains("SECRETVALUE"));
        assertFalse(new String(env, StandardCharsets.ISO_8859_1).contains("SECRETVALUE"));
        String opened = cipher.openString(tenantA, "mcp-env:" + server, env, row.getString("secret_key_id"));
        assertEquals(true, opened.contains(token) && opened.contains("DEBUG"));
        as(tenantAdmin(tenantA)).body(Map.of("mcp_server_id", server, "config", Map.of("owner", "x"))).post("/v1/mcp-server-configs")
                .then().statusCode(409).body("errors[0].field", equalTo("mcp_server_id"));
    }

    @Test
    void anotherTenantCannotSeeOrChangeConfigs() {
        String id = as(tenantAdmin(tenantA)).body(Map.of("mcp_server_id", server, "config", Map.of("owner", "a"), "enabled", false))
                .post("/v1/mcp-server-configs").then().statusCode(anyOf201or409()).extract().path("id");
        if (id == null) {
            id = as(tenantAdmin(tenantA)).get("/v1/mcp-server-configs").then().extract().path("items[0].id");
        }
        String config = id;
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/mcp-server-configs/" + config));
        invisibleTo(b, r -> r.body(Map.of("enabled", true)).patch("/v1/mcp-server-configs/" + config));
        invisibleTo(b, r -> r.delete("/v1/mcp-server-configs/" + config));
        as(b).get("/v1/mcp-server-configs").then().statusCode(200).body("items.id", not(hasItem(config)));
        as(viewer(tenantA)).get("/v1/mcp-server-configs/" + config).then().statusCode(200);
        as(tenantAdmin(tenantA)).body(Map.of("allowed_users", List.of("someone"))).patch("/v1/mcp-server-configs/" + config).then()
                .statusCode(400);
        as(tenantAdmin(tenantA)).delete("/v1/mcp-server-configs/" + config).then().statusCode(204);
    }

    private static org.hamcrest.Matcher<Integer> anyOf201or409() {
        return org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409));
    }
}
