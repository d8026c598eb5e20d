package dev.agentry.config.agent;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.agentry.common.testing.AgentryTestResource;
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
class AgentResourceTest extends ConfigTwoTenantTest {

    @Test
    void createReadUpdateDeleteWithEveryField() {
        String id = as(tenantAdmin(tenantA)).body(Map.ofEntries(Map.entry("name", "Refunds"), Map.entry("slug", "refunds"),
                Map.entry("description", "Handles refunds"), Map.entry("system_prompt", "You are kind."),
                Map.entry("prompt_template", "Answer {question}"),
                Map.entry("model", Map.of("provider", "openai", "name", "gpt-4o-mini", "temperature", 0.3, "max_tokens", 512)),
                Map.entry("handler_class", "agents.Refunds"), Map.entry("capabilities", List.of("web_search")),
                Map.entry("tools", List.of("calculator")), Map.entry("limits", Map.of("timeout_seconds", 30, "max_iterations", 5)),
                Map.entry("memory_enabled", true), Map.entry("status", "inactive"), Map.entry("version", "2.1.0"),
                Map.entry("tags", List.of("support")), Map.entry("config", Map.of("k", Map.of("nested", 1))),
                Map.entry("metadata", Map.of("team", "ops"))))
                .post("/v1/agents").then().statusCode(201)
                .body("model.temperature", equalTo(0.3f)).body("model.max_tokens", equalTo(512))
                .body("limits.max_iterations", equalTo(5)).body("status", equalTo("inactive"))
                .body("config.k.nested", equalTo(1)).body("enabled", equalTo(true)).extract().path("id");
        as(viewer(tenantA)).get("/v1/agents/" + id).then().statusCode(200).body("slug", equalTo("refunds"))
                .body("memory_enabled", equalTo(true)).body("version", equalTo("2.1.0"));
        as(tenantAdmin(tenantA)).body(Map.of("model", Map.of("temperature", 1.5), "enabled", false)).patch("/v1/agents/" + id)
                .then().statusCode(200).body("model.temperature", equalTo(1.5f)).body("model.name", equalTo("gpt-4o-mini"))
                .body("enabled", equalTo(false));
        as(runtime(tenantA)).queryParam("status", "inactive").get("/v1/agents").then().statusCode(200)
                .body("items.id", hasItem(id));
        as(tenantAdmin(tenantA)).delete("/v1/agents/" + id).then().statusCode(204);
        as(tenantAdmin(tenantA)).get("/v1/agents/" + id).then().statusCode(404);
        // Name and slug are unique among live agents only.
        as(tenantAdmin(tenantA)).body(Map.of("name", "Refunds", "slug", "refunds")).post("/v1/agents").then().statusCode(201);
    }

    @Test
    void nameAndSlugAreUniquePerTenant() {
        as(tenantAdmin(tenantA)).body(Map.of("name", "Dup", "slug", "dup")).post("/v1/agents").then().statusCode(201);
        as(tenantAdmin(tenantA)).body(Map.of("name", "Dup", "slug", "dup-2")).post("/v1/agents").then().statusCode(409)
                .body("errors[0].field", equalTo("name"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "Dup 2", "slug", "dup")).post("/v1/agents").then().statusCode(409)
                .body("errors[0].field", equalTo("slug"));
        as(tenantAdmin(tenantB)).body(Map.of("name", "Dup", "slug", "dup")).post("/v1/agents").then().statusCode(201);
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        String admin = tenantAdmin(tenantA);
        int before = as(admin).queryParam("limit", 200).get("/v1/agents").then().extract().path("items.size()");
        as(admin).body(Map.of("name", "T", "slug", "t1", "model", Map.of("temperature", 2.5))).post("/v1/agents")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("model.temperature"));
        as(admin).body(Map.of("name", "T", "slug", "t2", "model", Map.of("temperature", -0.1))).post("/v1/agents")
                .then().statusCode(400).body("errors.field", hasItem("model.temperature"));
        as(admin).body(Map.of("name", "T", "slug", "t3", "model", Map.of("max_tokens", 0))).post("/v1/agents")
                .then().statusCode(400).body("errors.field", hasItem("model.max_tokens"));
        as(admin).body(Map.of("name", "T", "slug", "Not A Slug")).post("/v1/agents").then().statusCode(400)
                .body("errors.field", hasItem("slug"));
        as(admin).body(Map.of("name", "T", "slug", "t4", "status", "sleeping")).post("/v1/agents").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(admin).body(Map.of("name", "T", "slug", "t5", "llm_model_id", UUID.randomUUID().toString())).post("/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("llm_model_id"));
        as(admin).body(Map.of("name", "T", "slug", "t6", "default_output_format_id", UUID.randomUUID().toString()))
                .post("/v1/agents").then().statusCode(400).body("errors[0].field", equalTo("default_output_format_id"));
        as(admin).body(Map.of("name", "T", "slug", "t7", "model", Map.of("max_tokens", "many"))).post("/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("model.max_tokens"));
        as(admin).body(Map.of("name", "T", "slug", "t8", "mood", "happy")).post("/v1/agents").then().statusCode(400)
                .body("errors[0].field", equalTo("mood"));
        as(admin).body("{\"name\": ").post("/v1/agents").then().statusCode(400).contentType("application/problem+json");
        int after = as(admin).queryParam("limit", 200).get("/v1/agents").then().extract().path("items.size()");
        org.junit.jupiter.api.Assertions.assertEquals(before, after);
    }

    @Test
    void anotherTenantCannotSeeOrChangeAgents() {
        String id = createAgent(tenantA, "Private");
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/agents/" + id));
        invisibleTo(b, r -> r.body(Map.of("name", "Stolen")).patch("/v1/agents/" + id));
        invisibleTo(b, r -> r.delete("/v1/agents/" + id));
        as(b).get("/v1/agents").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(tenantAdmin(tenantA)).get("/v1/agents/" + id).then().statusCode(200).body("name", not(equalTo("Stolen")));
    }

    @Test
    void viewersAndTheRuntimeOnlyRead() {
        String id = createAgent(tenantA, "Readable");
        as(viewer(tenantA)).body(Map.of("name", "X", "slug", "x")).post("/v1/agents").then().statusCode(403);
        as(runtime(tenantA)).body(Map.of("enabled", false)).patch("/v1/agents/" + id).then().statusCode(403);
        as(viewer(tenantA)).delete("/v1/agents/" + id).then().statusCode(403);
        as(runtime(tenantA)).get("/v1/agents/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }
}
