package dev.agentry.config.runtime;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.createScenario;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.AgentConfigFixtures;
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
class RuntimeConfigResourceTest extends ConfigTwoTenantTest {

    @Test
    void oneCallHoldsWhatATurnNeedsAndAChangeIsSeenAtTheNextRead() {
        String admin = tenantAdmin(tenantA);
        String agent = createAgent(tenantA, "Runtime");
        String model = as(platformAdmin()).body(Map.of("provider", "openai", "model_name", "rt-" + UUID.randomUUID(), "context_window", 8000,
                "cost_per_1k_input_tokens", 0.001, "cost_per_1k_output_tokens", 0.002)).post("/v1/llm-models").then().statusCode(201)
                .extract().path("id");
        String key = "sk-runtime-" + UUID.randomUUID() + "-HIDDENKEY";
        as(admin).body(Map.of("llm_model_id", model, "api_key", key)).put("/v1/llm-config").then().statusCode(200);
        String rule = as(admin).body(Map.of("name", "r", "condition_text", "asks for a refund", "action_type", "respond"))
                .post("/v1/agents/" + agent + "/rules").then().statusCode(201).extract().path("id");
        as(admin).body(Map.of("name", "off", "condition_text", "anything", "action_type", "respond", "enabled", false))
                .post("/v1/agents/" + agent + "/rules").then().statusCode(201);
        String scenario = createScenario(tenantA, agent, "Refunds");
        as(admin).body(Map.of("name", "customer")).post("/v1/agents/" + agent + "/variables").then().statusCode(201);
        as(admin).body(Map.of("name", "hello", "content", "Hi {customer}")).post("/v1/agents/" + agent + "/templates").then().statusCode(201);
        String baseTool = AgentConfigFixtures.baseTool("HTTP_GET");
        String format = as(admin).body(Map.of("name", "json", "schema", Map.of("type", "object"))).post("/v1/output-formats").then()
                .statusCode(201).extract().path("id");
        String[] tools = new String[6];
        for (int i = 0; i < tools.length; i++) {
            tools[i] = as(admin).body(Map.of("name", "tool_" + i, "base_tool_id", baseTool, "input_schema", Map.of("type", "object")))
                    .post("/v1/tool-configs").then().statusCode(201).extract().path("id");
            as(admin).body(Map.of("priority", 10 - i)).put("/v1/agents/" + agent + "/tools/" + tools[i]).then().statusCode(200);
        }
        String path = "/v1/agents/" + agent + "/runtime-config";
        String body = as(runtime(tenantA)).get(path).then().statusCode(200).header(RuntimeConfigResource.CACHE_HEADER, "miss")
                .body("agent.id", equalTo(agent)).body("rule_ids", contains(rule)).body("rule_ids_truncated", equalTo(false))
                .body("scenarios[0].scenario_id", equalTo(scenario)).body("scenarios[0].version", equalTo(1))
                .body("scenarios[0].entry_step_id", equalTo("greet")).body("templates[0].content", equalTo("Hi {customer}"))
                .body("variables[0].name", equalTo("customer"))
                .body("tools.name", contains("tool_5", "tool_4", "tool_3", "tool_2", "tool_1"))
                .body("llm_config.api_key_set", equalTo(true)).body("llm_config", not(hasKey("api_key")))
                .body("output_format", equalTo(null)).extract().asString();
        assertFalse(body.contains("HIDDENKEY"));
        as(runtime(tenantA)).get(path).then().statusCode(200).header(RuntimeConfigResource.CACHE_HEADER, "hit")
                .body("tools.size()", equalTo(5));
        // A match is not a change: the cache stays.
        as(runtime(tenantA)).body(Map.of("message", "refund")).post("/v1/agents/" + agent + "/rules/match").then().statusCode(200);
        as(runtime(tenantA)).get(path).then().statusCode(200).header(RuntimeConfigResource.CACHE_HEADER, "hit");
        // Any write of the tenant is seen at the next read.
        as(admin).body(Map.of("default_output_format_id", format, "system_prompt", "Be brief.")).patch("/v1/agents/" + agent).then().statusCode(200);
        as(runtime(tenantA)).get(path).then().statusCode(200).header(RuntimeConfigResource.CACHE_HEADER, "miss")
                .body("agent.system_prompt", equalTo("Be brief.")).body("output_format.id", equalTo(format));
        as(admin).body(Map.of("enabled", false)).patch("/v1/rules/" + rule).then().statusCode(200);
        as(runtime(tenantA)).get(path).then().statusCode(200).body("rule_ids", equalTo(List.of()));
        as(admin).body(Map.of("priority", 0)).put("/v1/agents/" + agent + "/tools/" + tools[0]).then().statusCode(200);
        as(runtime(tenantA)).get(path).then().statusCode(200).body("tools[0].name", equalTo("tool_0"));
        // A platform write reaches every tenant's cache: a switched-off tool disappears.
        as(platformAdmin()).body(Map.of("enabled", false)).put("/v1/permissions/" + tenantA + "/tools/" + tools[0]).then().statusCode(200);
        as(runtime(tenantA)).get(path).then().statusCode(200).header(RuntimeConfigResource.CACHE_HEADER, "miss")
                .body("tools.name", contains("tool_5", "tool_4", "tool_3", "tool_2", "tool_1"));
        // A platform override of the output format wins over the agent's default.
        String other = as(admin).body(Map.of("name", "md")).post("/v1/output-formats").then().statusCode(201).extract().path("id");
        as(platformAdmin()).body(Map.of("enabled", true, "output_override_id", other)).put("/v1/permissions/" + tenantA + "/agents/" + agent)
                .then().statusCode(200);
        as(runtime(tenantA)).get(path).then().statusCode(200).body("output_format.id", equalTo(other));
    }

    @Test
    void anotherTenantGetsNotFound() {
        String agent = createAgent(tenantA, "Private runtime");
        as(runtime(tenantA)).get("/v1/agents/" + agent + "/runtime-config").then().statusCode(200);
        invisibleTo(tenantAdmin(tenantB), r -> r.get("/v1/agents/" + agent + "/runtime-config"));
        invisibleTo(runtime(tenantB), r -> r.get("/v1/agents/" + agent + "/runtime-config"));
        as(runtime(tenantA)).get("/v1/agents/" + UUID.randomUUID() + "/runtime-config").then().statusCode(404);
        as(tenantAdmin(tenantA)).delete("/v1/agents/" + agent).then().statusCode(204);
        as(runtime(tenantA)).get("/v1/agents/" + agent + "/runtime-config").then().statusCode(404);
    }
}
