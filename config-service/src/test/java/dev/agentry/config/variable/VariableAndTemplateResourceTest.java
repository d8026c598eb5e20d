package dev.agentry.config.variable;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.createScenario;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class VariableAndTemplateResourceTest extends ConfigTwoTenantTest {

    private static String variable(UUID tenant, String agent, String name, String policy, Object defaultValue) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "update_policy", policy));
        if (defaultValue != null) {
            body.put("default_value", defaultValue);
        }
        return as(tenantAdmin(tenant)).body(body).post("/v1/agents/" + agent + "/variables").then().statusCode(201)
                .body("update_policy", equalTo(policy)).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse apply(String id, Object current, Object value) {
        Map<String, Object> body = new HashMap<>();
        body.put("current", current);
        body.put("value", value);
        return as(runtime(tenantA)).body(body).post("/v1/variables/" + id + "/apply").then();
    }

    @Test
    void updatePoliciesHaveExactSemantics() {
        String agent = createAgent(tenantA, "Policies");
        String replace = variable(tenantA, agent, "mood", "replace", "calm");
        String append = variable(tenantA, agent, "notes", "append", null);
        String merge = variable(tenantA, agent, "profile", "merge", Map.of("tier", "gold"));
        apply(replace, "calm", "angry").statusCode(200).body("value", equalTo("angry"));
        apply(replace, List.of(1), Map.of("a", 1)).statusCode(200).body("value.a", equalTo(1));
        // APPEND: strings concatenate as they are; lists concatenate; a scalar joins a list; null starts one.
        apply(append, "Hello", ", world").statusCode(200).body("value", equalTo("Hello, world"));
        apply(append, List.of("a"), List.of("b", "c")).statusCode(200).body("value", contains("a", "b", "c"));
        apply(append, List.of("a"), "b").statusCode(200).body("value", contains("a", "b"));
        apply(append, List.of(1), Map.of("k", 2)).statusCode(200).body("value[1].k", equalTo(2));
        apply(append, null, "first").statusCode(200).body("value", equalTo("first"));
        apply(append, null, 7).statusCode(200).body("value", contains(7));
        apply(append, "text", 5).statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("value"));
        apply(append, 5, "x").statusCode(400).body("errors[0].field", equalTo("current"));
        apply(append, Map.of("a", 1), "x").statusCode(400).body("errors[0].field", equalTo("current"));
        // MERGE: RFC 7386 merge patch: nested objects merge, null removes, lists are replaced.
        apply(merge, Map.of("name", "An", "address", Map.of("city", "Hanoi", "zip", "100000"), "tags", List.of("a")),
                mapOf("address", Map.of("city", "Hue"), "tags", List.of("b"), "name", null)).statusCode(200)
                .body("value.address.city", equalTo("Hue")).body("value.address.zip", equalTo("100000"))
                .body("value.tags", contains("b")).body("value.containsKey('name')", equalTo(false));
        apply(merge, null, Map.of("a", 1)).statusCode(200).body("value.a", equalTo(1));
        apply(merge, Map.of("a", 1), "x").statusCode(400).body("errors[0].field", equalTo("value"));
        apply(merge, List.of(), Map.of()).statusCode(400).body("errors[0].field", equalTo("current"));
    }

    @Test
    void variablesAreValidatedAndUniquePerAgent() {
        String agent = createAgent(tenantA, "Vars");
        String path = "/v1/agents/" + agent + "/variables";
        String admin = tenantAdmin(tenantA);
        String id = variable(tenantA, agent, "order_id", "replace", null);
        as(admin).body(Map.of("name", "order_id")).post(path).then().statusCode(409).body("errors[0].field", equalTo("name"));
        as(admin).body(Map.of("name", "1bad")).post(path).then().statusCode(400).body("errors[0].field", equalTo("name"));
        as(admin).body(Map.of("name", "n", "update_policy", "sum")).post(path).then().statusCode(400).body("errors[0].field", equalTo("update_policy"));
        as(admin).body(Map.of("name", "m", "update_policy", "merge", "default_value", "text")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("default_value"));
        as(admin).body(Map.of("name", "a", "update_policy", "append", "default_value", 3)).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("default_value"));
        as(admin).body(Map.of("update_policy", "merge")).patch("/v1/variables/" + id).then().statusCode(200)
                .body("update_policy", equalTo("merge"));
        as(admin).body(Map.of("default_value", List.of(1))).patch("/v1/variables/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("default_value"));
        as(viewer(tenantA)).get(path).then().statusCode(200).body("items.name", contains("order_id"));
        as(admin).delete("/v1/variables/" + id).then().statusCode(204);
        as(admin).get("/v1/variables/" + id).then().statusCode(404);
    }

    @Test
    void templatesNameOnlyKnownVariablesAndRenderWithDefaults() {
        String agent = createAgent(tenantA, "Templates");
        variable(tenantA, agent, "name", "replace", null);
        variable(tenantA, agent, "shop", "replace", "Agentry Store");
        variable(tenantA, agent, "items", "append", List.of());
        String scenario = createScenario(tenantA, agent, "S");
        String path = "/v1/agents/" + agent + "/templates";
        String admin = tenantAdmin(tenantA);
        String id = as(admin).body(Map.of("name", "greeting", "content", "Hello {name}, welcome to {shop}! {{literal}} {items}",
                "mode", "exclusive", "scope", "step", "scope_id", scenario, "scope_step_id", "greet")).post(path).then().statusCode(201)
                .body("placeholders", contains("name", "shop", "items")).body("mode", equalTo("exclusive")).extract().path("id");
        as(runtime(tenantA)).body(Map.of("variables", Map.of("name", "An", "items", List.of("shoes", 2)))).post("/v1/templates/" + id + "/render")
                .then().statusCode(200).body("text", equalTo("Hello An, welcome to Agentry Store! {literal} [\"shoes\",2]"))
                .body("missing", equalTo(List.of())).body("complete", equalTo(true));
        as(runtime(tenantA)).body(Map.of("variables", Map.of())).post("/v1/templates/" + id + "/render").then().statusCode(200)
                .body("text", equalTo("Hello {name}, welcome to Agentry Store! {literal} []")).body("missing", contains("name"))
                .body("complete", equalTo(false));
        as(admin).body(Map.of("name", "bad", "content", "Hi {nobody}")).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("content"));
        as(admin).body(Map.of("name", "bad", "content", "Hi {name")).post(path).then().statusCode(400).body("errors[0].field", equalTo("content"));
        as(admin).body(Map.of("name", "bad", "content", "Hi name}")).post(path).then().statusCode(400).body("errors[0].field", equalTo("content"));
        as(admin).body(Map.of("name", "bad", "content", "Hi", "mode", "always")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
        as(admin).body(Map.of("name", "bad", "content", "Hi", "scope", "scenario")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("scope_id"));
        as(admin).body(Map.of("content", "Bye {nobody}")).patch("/v1/templates/" + id).then().statusCode(400);
        as(admin).body(Map.of("content", "Bye {name}", "scope", "global")).patch("/v1/templates/" + id).then().statusCode(200)
                .body("placeholders", contains("name")).body("scope", equalTo("global")).body("scope_id", equalTo(null));
        as(viewer(tenantA)).queryParam("mode", "exclusive").get(path).then().statusCode(200).body("items.size()", equalTo(1));
        as(admin).delete("/v1/templates/" + id).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/templates/" + id).then().statusCode(404);
    }

    @Test
    void anotherTenantCannotSeeOrChangeVariablesAndTemplates() {
        String agent = createAgent(tenantA, "Private");
        String variable = variable(tenantA, agent, "secret", "replace", "s3cret");
        String template = as(tenantAdmin(tenantA)).body(Map.of("name", "t", "content", "Value {secret}"))
                .post("/v1/agents/" + agent + "/templates").then().statusCode(201).extract().path("id");
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/variables/" + variable));
        invisibleTo(b, r -> r.body(Map.of("description", "x")).patch("/v1/variables/" + variable));
        invisibleTo(b, r -> r.delete("/v1/variables/" + variable));
        invisibleTo(b, r -> r.body(Map.of("current", "a", "value", "b")).post("/v1/variables/" + variable + "/apply"));
        invisibleTo(b, r -> r.get("/v1/agents/" + agent + "/variables"));
        invisibleTo(b, r -> r.body(Map.of("name", "x")).post("/v1/agents/" + agent + "/variables"));
        invisibleTo(b, r -> r.get("/v1/templates/" + template));
        invisibleTo(b, r -> r.body(Map.of("name", "x")).patch("/v1/templates/" + template));
        invisibleTo(b, r -> r.delete("/v1/templates/" + template));
        invisibleTo(b, r -> r.body(Map.of("variables", Map.of())).post("/v1/templates/" + template + "/render"));
        invisibleTo(b, r -> r.get("/v1/agents/" + agent + "/templates"));
        invisibleTo(b, r -> r.body(Map.of("name", "x", "content", "y")).post("/v1/agents/" + agent + "/templates"));
        as(viewer(tenantA)).get("/v1/variables/" + variable).then().statusCode(200).body("default_value", equalTo("s3cret"));
        as(viewer(tenantA)).body(Map.of()).post("/v1/templates/" + template + "/render").then().statusCode(200)
                .body("text", equalTo("Value s3cret"));
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> out = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }
}
