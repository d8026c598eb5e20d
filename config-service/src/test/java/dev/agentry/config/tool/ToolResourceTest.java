package dev.agentry.config.tool;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.AgentConfigFixtures;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ToolResourceTest extends ConfigTwoTenantTest {

    /** The HTTP_GET base tool: seeded by the V3 migration, and made again here after the schema is emptied. */
    static String HTTP_GET;
    static final Map<String, Object> TAX_CODE_SCHEMA = Map.of("type", "object", "properties",
            Map.of("mst", Map.of("type", "string", "description", "Customer tax code (10 digits)", "pattern", "^[0-9]{10}$")),
            "required", List.of("mst"), "additionalProperties", false);

    @BeforeEach
    void findBaseTool() {
        if (HTTP_GET == null) {
            HTTP_GET = AgentConfigFixtures.baseTool("HTTP_GET");
        }
    }

    static String tool(UUID tenant, String name) {
        return as(tenantAdmin(tenant)).body(Map.of("name", name, "base_tool_id", HTTP_GET, "config",
                Map.of("endpoint", "https://erp.example.com/api/customers/{mst}/debt", "method", "GET"), "input_schema", TAX_CODE_SCHEMA))
                .post("/v1/tool-configs").then().statusCode(201).extract().path("id");
    }

    @Test
    void baseToolsAreAPlatformRegistry() {
        as(viewer(tenantA)).get("/v1/base-tools").then().statusCode(200).body("items.type", hasItems("HTTP_GET"));
        as(tenantAdmin(tenantA)).body(Map.of("type", "SMS", "handler_class", "x")).post("/v1/base-tools").then().statusCode(403);
        String id = as(platformAdmin()).body(Map.of("type", "SMS_SEND", "handler_class", "tools.sms.Send", "default_config_schema",
                Map.of("type", "object", "required", List.of("sender"), "properties", Map.of("sender", Map.of("type", "string")))))
                .post("/v1/base-tools").then().statusCode(201).extract().path("id");
        as(platformAdmin()).body(Map.of("type", "SMS_SEND", "handler_class", "x")).post("/v1/base-tools").then().statusCode(409)
                .body("errors[0].field", equalTo("type"));
        as(platformAdmin()).body(Map.of("type", "bad type", "handler_class", "x")).post("/v1/base-tools").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        as(platformAdmin()).body(Map.of("type", "X_TOOL", "handler_class", "x", "default_config_schema", Map.of("type", "nonsense")))
                .post("/v1/base-tools").then().statusCode(400).body("errors[0].field", equalTo("default_config_schema.type"));
        // A tool of that type must satisfy its default config schema.
        as(tenantAdmin(tenantA)).body(Map.of("name", "sms", "base_tool_id", id, "config", Map.of(), "input_schema", Map.of("type", "object")))
                .post("/v1/tool-configs").then().statusCode(400).body("errors[0].field", equalTo("config.sender"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "sms", "base_tool_id", id, "config", Map.of("sender", "Agentry"), "input_schema",
                Map.of("type", "object"))).post("/v1/tool-configs").then().statusCode(201).body("base_tool_type", equalTo("SMS_SEND"));
        as(tenantAdmin(tenantA)).body(Map.of("description", "x")).patch("/v1/base-tools/" + id).then().statusCode(403);
        as(viewer(tenantA)).get("/v1/base-tools/" + id).then().statusCode(200).body("handler_class", equalTo("tools.sms.Send"));
    }

    @Test
    void inputSchemasAreCheckedAndInputsValidated() {
        String id = tool(tenantA, "get_customer_debt");
        as(runtime(tenantA)).body(Map.of("input", Map.of("mst", "0123456789"))).post("/v1/tool-configs/" + id + "/validate").then()
                .statusCode(200).body("valid", equalTo(true)).body("errors", equalTo(List.of()));
        as(runtime(tenantA)).body(Map.of("input", Map.of("mst", "12ab"))).post("/v1/tool-configs/" + id + "/validate").then()
                .statusCode(200).body("valid", equalTo(false)).body("errors[0].field", equalTo("input.mst"));
        as(runtime(tenantA)).body(Map.of("input", Map.of())).post("/v1/tool-configs/" + id + "/validate").then()
                .statusCode(200).body("valid", equalTo(false)).body("errors[0].field", equalTo("input.mst"));
        as(runtime(tenantA)).body(Map.of("input", Map.of("mst", "0123456789", "extra", 1))).post("/v1/tool-configs/" + id + "/validate")
                .then().statusCode(200).body("valid", equalTo(false));
        String admin = tenantAdmin(tenantA);
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET, "input_schema", Map.of("type", "strin"))).post("/v1/tool-configs")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("input_schema.type"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET, "input_schema", Map.of("required", "mst"))).post("/v1/tool-configs")
                .then().statusCode(400).body("errors[0].field", equalTo("input_schema.required"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET, "input_schema", Map.of("$ref", "https://evil.example/schema.json")))
                .post("/v1/tool-configs").then().statusCode(400).body("errors[0].field", equalTo("input_schema.$ref"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET, "input_schema", Map.of("type", "string", "pattern", "(unclosed")))
                .post("/v1/tool-configs").then().statusCode(400).body("errors[0].field", equalTo("input_schema.pattern"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET, "input_schema", Map.of("type", "object", "properties",
                Map.of("code", Map.of("type", "string", "pattern", "[a-")))))
                .post("/v1/tool-configs").then().statusCode(400).body("errors[0].field", equalTo("input_schema.properties.code.pattern"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET, "input_schema", Map.of("type", "object", "patternProperties",
                Map.of("*x", Map.of("type", "string")))))
                .post("/v1/tool-configs").then().statusCode(400).body("errors[0].field", equalTo("input_schema.patternProperties"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET)).post("/v1/tool-configs").then().statusCode(400)
                .body("errors[0].field", equalTo("input_schema"));
        as(admin).body(Map.of("name", "bad name", "base_tool_id", HTTP_GET, "input_schema", Map.of())).post("/v1/tool-configs").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", UUID.randomUUID().toString(), "input_schema", Map.of())).post("/v1/tool-configs")
                .then().statusCode(400).body("errors[0].field", equalTo("base_tool_id"));
        as(admin).body(Map.of("name", "bad", "base_tool_id", HTTP_GET, "input_schema", Map.of(), "output_format_id",
                UUID.randomUUID().toString())).post("/v1/tool-configs").then().statusCode(400).body("errors[0].field", equalTo("output_format_id"));
        as(admin).body(Map.of("name", "get_customer_debt", "base_tool_id", HTTP_GET, "input_schema", Map.of())).post("/v1/tool-configs")
                .then().statusCode(409).body("errors[0].field", equalTo("name"));
        as(admin).body(Map.of("input_schema", Map.of("type", 5))).patch("/v1/tool-configs/" + id).then().statusCode(400);
        as(viewer(tenantA)).get("/v1/tool-configs/" + id).then().statusCode(200).body("input_schema.required", contains("mst"));
        as(viewer(tenantA)).queryParam("type", "HTTP_GET").get("/v1/tool-configs").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void outputFormatsHoldAValidSchema() {
        String admin = tenantAdmin(tenantA);
        String id = as(admin).body(Map.of("name", "structured_json", "schema", Map.of("type", "object"), "renderer_hint", Map.of("type", "json")))
                .post("/v1/output-formats").then().statusCode(201).extract().path("id");
        as(admin).body(Map.of("name", "x", "schema", Map.of("type", "table"))).post("/v1/output-formats").then().statusCode(400)
                .body("errors[0].field", equalTo("schema.type"));
        as(admin).body(Map.of("name", "structured_json")).post("/v1/output-formats").then().statusCode(409).body("errors[0].field", equalTo("name"));
        as(admin).body(Map.of("description", "JSON answers")).patch("/v1/output-formats/" + id).then().statusCode(200)
                .body("description", equalTo("JSON answers")).body("renderer_hint.type", equalTo("json"));
        String agent = createAgent(tenantA, "Formatted");
        as(admin).body(Map.of("default_output_format_id", id)).patch("/v1/agents/" + agent).then().statusCode(200)
                .body("default_output_format_id", equalTo(id));
        as(admin).delete("/v1/output-formats/" + id).then().statusCode(204);
        as(admin).get("/v1/agents/" + agent).then().statusCode(200).body("default_output_format_id", equalTo(null));
        String b = tenantAdmin(tenantB);
        String other = as(admin).body(Map.of("name", "md")).post("/v1/output-formats").then().statusCode(201).extract().path("id");
        invisibleTo(b, r -> r.get("/v1/output-formats/" + other));
        invisibleTo(b, r -> r.body(Map.of("name", "z")).patch("/v1/output-formats/" + other));
        invisibleTo(b, r -> r.delete("/v1/output-formats/" + other));
        as(b).get("/v1/output-formats").then().statusCode(200).body("items.id", not(hasItem(other)));
        as(b).body(Map.of("name", "T", "slug", "t-fmt", "default_output_format_id", other)).post("/v1/agents").then().statusCode(400)
                .body("errors[0].field", equalTo("default_output_format_id"));
    }

    @Test
    void agentToolsAreListedByPriorityAndLinksCarryActivations() {
        String agent = createAgent(tenantA, "Linked");
        String admin = tenantAdmin(tenantA);
        String t1 = tool(tenantA, "t_one");
        String t2 = tool(tenantA, "t_two");
        String t3 = tool(tenantA, "t_three");
        as(admin).body(Map.of("priority", 3)).put("/v1/agents/" + agent + "/tools/" + t1).then().statusCode(200)
                .body("tool_name", equalTo("t_one")).body("enabled", equalTo(true));
        as(admin).body(Map.of("priority", 1, "policy_overrides", Map.of("timeout", 5))).put("/v1/agents/" + agent + "/tools/" + t2)
                .then().statusCode(200).body("policy_overrides.timeout", equalTo(5));
        as(admin).body(Map.of("priority", 2, "enabled", false)).put("/v1/agents/" + agent + "/tools/" + t3).then().statusCode(200);
        as(runtime(tenantA)).get("/v1/agents/" + agent + "/tools").then().statusCode(200).body("items.tool_name", contains("t_two", "t_three", "t_one"));
        as(runtime(tenantA)).queryParam("limit", 2).get("/v1/agents/" + agent + "/tools").then().statusCode(200)
                .body("items.tool_name", contains("t_two", "t_three"));
        as(runtime(tenantA)).queryParam("active", true).get("/v1/agents/" + agent + "/tools").then().statusCode(200)
                .body("items.tool_name", contains("t_two", "t_one"));
        as(admin).body(Map.of("priority", 0)).put("/v1/agents/" + agent + "/tools/" + t1).then().statusCode(200);
        as(runtime(tenantA)).queryParam("limit", 1).get("/v1/agents/" + agent + "/tools").then().statusCode(200).body("items.tool_name", contains("t_one"));
        as(admin).body(Map.of("priority", -1)).put("/v1/agents/" + agent + "/tools/" + t1).then().statusCode(400).body("errors[0].field", equalTo("priority"));
        as(admin).body(Map.of()).put("/v1/agents/" + agent + "/tools/" + t1).then().statusCode(400).body("errors[0].field", equalTo("priority"));
        as(admin).body(Map.of("priority", 1)).put("/v1/agents/" + agent + "/tools/" + UUID.randomUUID()).then().statusCode(404);
        as(admin).delete("/v1/agents/" + agent + "/tools/" + t3).then().statusCode(204);
        as(admin).get("/v1/agents/" + agent + "/tools/" + t3).then().statusCode(404);
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/agents/" + agent + "/tools"));
        invisibleTo(b, r -> r.get("/v1/agents/" + agent + "/tools/" + t1));
        invisibleTo(b, r -> r.body(Map.of("priority", 9)).put("/v1/agents/" + agent + "/tools/" + t1));
        invisibleTo(b, r -> r.delete("/v1/agents/" + agent + "/tools/" + t1));
        String bAgent = createAgent(tenantB, "B agent");
        invisibleTo(b, r -> r.body(Map.of("priority", 9)).put("/v1/agents/" + bAgent + "/tools/" + t1));
        as(runtime(tenantA)).get("/v1/agents/" + agent + "/tools").then().statusCode(200).body("items.size()", equalTo(2))
                .body("items[0].priority", equalTo(0));
    }

    @Test
    void toolsAreInvisibleToAnotherTenant() {
        String id = tool(tenantA, "private_tool");
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/tool-configs/" + id));
        invisibleTo(b, r -> r.body(Map.of("description", "x")).patch("/v1/tool-configs/" + id));
        invisibleTo(b, r -> r.delete("/v1/tool-configs/" + id));
        invisibleTo(b, r -> r.body(Map.of("input", Map.of())).post("/v1/tool-configs/" + id + "/validate"));
        as(b).get("/v1/tool-configs").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(viewer(tenantA)).get("/v1/tool-configs/" + id).then().statusCode(200).body("description", equalTo(null));
    }

    @Test
    void aPlatformSwitchMakesAnAgentOrToolInvisibleToItsTenant() {
        String agent = createAgent(tenantA, "Switched");
        String id = tool(tenantA, "switched_tool");
        String admin = tenantAdmin(tenantA);
        as(admin).body(Map.of("priority", 1)).put("/v1/agents/" + agent + "/tools/" + id).then().statusCode(200);
        // Only the platform writes permissions.
        as(admin).body(Map.of("enabled", false)).put("/v1/permissions/" + tenantA + "/tools/" + id).then().statusCode(403);
        as(platformAdmin()).body(Map.of("enabled", false)).put("/v1/permissions/" + tenantA + "/tools/" + id).then().statusCode(200)
                .body("enabled", equalTo(false));
        as(admin).get("/v1/tool-configs/" + id).then().statusCode(404);
        as(admin).get("/v1/tool-configs").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(admin).get("/v1/agents/" + agent + "/tools").then().statusCode(200).body("items.size()", equalTo(0));
        as(admin).body(Map.of("input", Map.of())).post("/v1/tool-configs/" + id + "/validate").then().statusCode(404);
        as(platformAdmin()).get("/v1/permissions/" + tenantA + "/tools").then().statusCode(200).body("items.tool_id", contains(id));
        as(platformAdmin()).delete("/v1/permissions/" + tenantA + "/tools/" + id).then().statusCode(204);
        as(admin).get("/v1/tool-configs/" + id).then().statusCode(200);

        as(platformAdmin()).body(Map.of("enabled", false)).put("/v1/permissions/" + tenantA + "/agents/" + agent).then().statusCode(200);
        as(admin).get("/v1/agents/" + agent).then().statusCode(404);
        as(admin).get("/v1/agents/" + agent + "/tools").then().statusCode(404);
        as(admin).get("/v1/agents").then().statusCode(200).body("items.id", not(hasItem(agent)));
        as(admin).body(Map.of("message", "hi")).post("/v1/agents/" + agent + "/rules/match").then().statusCode(404);
        as(platformAdmin()).body(Map.of("enabled", true)).put("/v1/permissions/" + tenantA + "/agents/" + agent).then().statusCode(200);
        as(admin).get("/v1/agents/" + agent).then().statusCode(200);
        // Another tenant's agent, an unknown tenant, a bad body.
        as(platformAdmin()).body(Map.of("enabled", false)).put("/v1/permissions/" + tenantB + "/agents/" + agent).then().statusCode(404);
        as(platformAdmin()).body(Map.of("enabled", false)).put("/v1/permissions/" + UUID.randomUUID() + "/agents/" + agent).then().statusCode(404);
        as(platformAdmin()).body(Map.of()).put("/v1/permissions/" + tenantA + "/agents/" + agent).then().statusCode(400)
                .body("errors[0].field", equalTo("enabled"));
        as(tenantAdmin(tenantB)).get("/v1/permissions/" + tenantA + "/agents").then().statusCode(403);
    }
}
