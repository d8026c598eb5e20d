package dev.agentry.config.llm;

import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class LlmConfigResourceTest extends ConfigTwoTenantTest {

    static String model;

    @Inject
    TenantTransactions tx;

    @Inject
    SecretCipher cipher;

    @BeforeEach
    void registerModel() {
        if (model == null) {
            model = as(platformAdmin()).body(Map.of("provider", "openai", "model_name", "gpt-4o-mini", "context_window", 128000,
                    "cost_per_1k_input_tokens", 0.00015, "cost_per_1k_output_tokens", 0.0006, "capabilities", List.of("tools", "json")))
                    .post("/v1/llm-models").then().statusCode(201).extract().path("id");
        }
    }

    @Test
    void theModelRegistryIsReadByAllAndWrittenByThePlatform() {
        as(viewer(tenantB)).get("/v1/llm-models/" + model).then().statusCode(200).body("cost_per_1k_input_tokens", equalTo(0.00015f))
                .body("context_window", equalTo(128000)).body("capabilities", hasItem("tools"));
        as(runtime(tenantA)).queryParam("provider", "openai").get("/v1/llm-models").then().statusCode(200).body("items.id", hasItem(model));
        as(tenantAdmin(tenantA)).body(Map.of("provider", "x", "model_name", "y", "context_window", 1, "cost_per_1k_input_tokens", 0,
                "cost_per_1k_output_tokens", 0)).post("/v1/llm-models").then().statusCode(403);
        as(tenantAdmin(tenantA)).body(Map.of("enabled", false)).patch("/v1/llm-models/" + model).then().statusCode(403);
        as(platformAdmin()).body(Map.of("provider", "openai", "model_name", "gpt-4o-mini", "context_window", 1, "cost_per_1k_input_tokens", 0,
                "cost_per_1k_output_tokens", 0)).post("/v1/llm-models").then().statusCode(409).body("errors[0].field", equalTo("model_name"));
        as(platformAdmin()).body(Map.of("provider", "openai", "model_name", "m", "context_window", 0, "cost_per_1k_input_tokens", 0,
                "cost_per_1k_output_tokens", 0)).post("/v1/llm-models").then().statusCode(400).body("errors[0].field", equalTo("context_window"));
        as(platformAdmin()).body(Map.of("provider", "openai", "model_name", "m", "context_window", 10, "cost_per_1k_input_tokens", -1,
                "cost_per_1k_output_tokens", 0)).post("/v1/llm-models").then().statusCode(400)
                .body("errors[0].field", equalTo("cost_per_1k_input_tokens"));
        as(platformAdmin()).body(Map.of("provider", "Open AI", "model_name", "m", "context_window", 10, "cost_per_1k_input_tokens", 0,
                "cost_per_1k_output_tokens", 0)).post("/v1/llm-models").then().statusCode(400).body("errors[0].field", equalTo("provider"));
        // The runtime role cannot write the registry even with SQL: RLS lets only a platform transaction write.
        Throwable refused = tx.inTenant(tenantA, conn -> conn.preparedQuery("UPDATE llm_models SET context_window = 1 WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(model)))).map(r -> r.rowCount())
                .await().atMost(Duration.ofSeconds(10)) == 0 ? null : new AssertionError("the runtime role updated the registry");
        assertEquals(null, refused);
        as(viewer(tenantA)).get("/v1/llm-models/" + model).then().statusCode(200).body("context_window", equalTo(128000));
    }

    @Test
    void theTenantKeyIsEncryptedAndNeverShownOrLogged() {
        String plaintext = "sk-live-" + UUID.randomUUID() + "-TOPSECRET";
        List<String> bodies = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            bodies.add(as(tenantAdmin(tenantA)).body(Map.of("llm_model_id", model, "api_key", plaintext, "rate_limit_rpm", 120))
                    .put("/v1/llm-config").then().statusCode(200).body("api_key_set", equalTo(true))
                    .body("api_key_last4", equalTo("CRET")).body("api_key_key_id", equalTo("k1")).body("rate_limit_rpm", equalTo(120))
                    .body("rate_limit_tpm", equalTo(10000)).body("model.model_name", equalTo("gpt-4o-mini")).extract().asString());
            bodies.add(as(viewer(tenantA)).get("/v1/llm-config").then().statusCode(200).extract().asString());
            bodies.add(as(runtime(tenantA)).get("/v1/llm-config").then().statusCode(200).extract().asString());
            // A change without a key keeps the stored key.
            bodies.add(as(tenantAdmin(tenantA)).body(Map.of("llm_model_id", model, "rate_limit_tpm", 5000)).put("/v1/llm-config").then()
                    .statusCode(200).body("api_key_last4", equalTo("CRET")).body("rate_limit_rpm", equalTo(120)).extract().asString());
            // Refusals that carry the key must not echo it either.
            bodies.add(as(tenantAdmin(tenantA)).body(Map.of("llm_model_id", UUID.randomUUID().toString(), "api_key", plaintext))
                    .put("/v1/llm-config").then().statusCode(400).extract().asString());
            bodies.add(as(tenantAdmin(tenantA)).body(Map.of("llm_model_id", model, "api_key", plaintext, "rate_limit_rpm", "fast"))
                    .put("/v1/llm-config").then().statusCode(400).extract().asString());
            bodies.add(as(tenantAdmin(tenantA)).body(Map.of("llm_model_id", model, "api_key", plaintext, "colour", "red"))
                    .put("/v1/llm-config").then().statusCode(400).extract().asString());
            for (String body : bodies) {
                assertFalse(body.contains(plaintext), body);
                assertFalse(body.contains("TOPSECRET"), body);
            }
            assertFalse(logs.contains(plaintext), "the key was logged");
            assertFalse(logs.contains("TOPSECRET"), "part of the key was logged");
            assertTrue(logs.contains("/v1/llm-config"), "the capture saw the application's log lines: " + logs.lines());
        }
        // The database holds ciphertext only, bound to the tenant.
        Row row = tx.inTenant(tenantA, conn -> conn.query("SELECT api_key_ciphertext, api_key_key_id FROM tenant_llm_configs").execute())
                .map(rows -> rows.iterator().next()).await().atMost(Duration.ofSeconds(10));
        byte[] stored = row.getBuffer("api_key_ciphertext").getBytes();
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("TOPSECRET"));
        assertEquals(12 + plaintext.length() + 16, stored.length);
        assertArrayEquals(plaintext.getBytes(StandardCharsets.UTF_8), cipher.open(tenantA, TenantLlmConfigService.PURPOSE, stored, "k1"));
        assertThrows(IllegalStateException.class, () -> cipher.open(tenantB, TenantLlmConfigService.PURPOSE, stored, "k1"));
        assertThrows(IllegalStateException.class, () -> cipher.open(tenantA, "mcp-env:x", stored, "k1"));
    }

    @Test
    void configsAreValidatedAndBelongToOneTenant() {
        String admin = tenantAdmin(tenantB);
        as(admin).get("/v1/llm-config").then().statusCode(404).contentType("application/problem+json");
        as(admin).body(Map.of("llm_model_id", model)).put("/v1/llm-config").then().statusCode(400).body("errors[0].field", equalTo("api_key"));
        as(admin).body(Map.of("llm_model_id", model, "api_key", "short")).put("/v1/llm-config").then().statusCode(400)
                .body("errors[0].field", equalTo("api_key"));
        as(admin).body(Map.of("llm_model_id", model, "api_key", "sk-long-enough", "rate_limit_rpm", 0)).put("/v1/llm-config").then()
                .statusCode(400).body("errors[0].field", equalTo("rate_limit_rpm"));
        as(admin).body(Map.of("api_key", "sk-long-enough")).put("/v1/llm-config").then().statusCode(400)
                .body("errors[0].field", equalTo("llm_model_id"));
        as(admin).get("/v1/llm-config").then().statusCode(404);
        as(viewer(tenantB)).body(Map.of("llm_model_id", model, "api_key", "sk-long-enough")).put("/v1/llm-config").then().statusCode(403);
        // Tenant A's config stays A's: B's writes make B's own.
        as(tenantAdmin(tenantA)).body(Map.of("llm_model_id", model, "api_key", "sk-tenant-a-0001")).put("/v1/llm-config").then().statusCode(200);
        as(admin).body(Map.of("llm_model_id", model, "api_key", "sk-tenant-b-0002")).put("/v1/llm-config").then().statusCode(200)
                .body("api_key_last4", equalTo("0002"));
        as(tenantAdmin(tenantA)).get("/v1/llm-config").then().statusCode(200).body("api_key_last4", equalTo("0001"));
        as(admin).delete("/v1/llm-config").then().statusCode(204);
        as(tenantAdmin(tenantA)).get("/v1/llm-config").then().statusCode(200);
        invisibleTo(admin, r -> r.get("/v1/llm-config"));
        invisibleTo(admin, r -> r.delete("/v1/llm-config"));
        // A model in use cannot be deleted.
        as(platformAdmin()).delete("/v1/llm-models/" + model).then().statusCode(409);
    }
}
