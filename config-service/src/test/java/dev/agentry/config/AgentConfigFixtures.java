package dev.agentry.config;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Fixtures of the agent-configuration tests: agents, scenarios and tokens made through the API. */
public final class AgentConfigFixtures {

    private AgentConfigFixtures() {
    }

    public static String viewer(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.VIEWER);
    }

    public static String runtime(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.AGENT_RUNTIME);
    }

    /** Creates an agent in {@code tenant} and answers its id. */
    public static String createAgent(UUID tenant, String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "") + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        return as(tenantAdmin(tenant)).body(Map.of("name", name + " " + slug, "slug", slug, "system_prompt", "You help."))
                .post("/v1/agents").then().statusCode(201).extract().path("id");
    }

    /** A step map for scenario bodies. */
    public static Map<String, Object> step(String id, String name, boolean entry, String... to) {
        Map<String, Object> step = new HashMap<>();
        step.put("id", id);
        step.put("name", name);
        if (entry) {
            step.put("entry", true);
        }
        step.put("transitions", java.util.Arrays.stream(to).map(t -> Map.of("to", t)).toList());
        return step;
    }

    /** Creates a scenario greet -> ask -> done under the agent and answers its id. */
    public static String createScenario(UUID tenant, String agentId, String name) {
        return as(tenantAdmin(tenant)).body(Map.of("name", name, "entry_condition", "the customer wants a refund",
                "steps", List.of(step("greet", "Greeting", true, "ask"), step("ask", "Ask for the order", false, "done"),
                        step("done", "Done", false))))
                .post("/v1/agents/" + agentId + "/scenarios").then().statusCode(201).body("version", equalTo(1))
                .extract().path("id");
    }

    /**
     * The cross-tenant rule for one endpoint: {@code other}'s token gets 404 problem+json, and the
     * owner still reads the resource unchanged.
     */
    public static void invisibleTo(String otherToken, Function<io.restassured.specification.RequestSpecification, io.restassured.response.Response> call) {
        ValidatableResponse r = call.apply(as(otherToken)).then();
        r.statusCode(404).contentType("application/problem+json");
    }

    /** The base tool of that type, made by the platform admin when the emptied schema lacks it. */
    public static String baseTool(String type) {
        List<String> ids = as(ConfigTestSupport.platformAdmin()).get("/v1/base-tools").then().statusCode(200).extract()
                .path("items.findAll { it.type == '" + type + "' }.id");
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        return as(ConfigTestSupport.platformAdmin()).body(Map.of("type", type, "handler_class", "tools." + type)).post("/v1/base-tools").then()
                .statusCode(201).extract().path("id");
    }

}
