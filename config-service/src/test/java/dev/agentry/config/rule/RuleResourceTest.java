package dev.agentry.config.rule;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.createScenario;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RuleResourceTest extends ConfigTwoTenantTest {

    /** The deployment's embedding model in tests. */
    private static final String MODEL = "bge-small-en-v1.5-q";

    private static String rule(UUID tenant, String agent, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "r-" + UUID.randomUUID(), "action_type", "respond"));
        body.putAll(extra);
        return as(tenantAdmin(tenant)).body(body).post("/v1/agents/" + agent + "/rules").then().statusCode(201).extract().path("id");
    }

    private static List<String> matchNames(UUID tenant, String agent, Map<String, Object> request) {
        return as(runtime(tenant)).body(request).post("/v1/agents/" + agent + "/rules/match").then().statusCode(200)
                .extract().path("items.rule.name");
    }

    @Test
    void theSemanticallyClosestRulesComeFirst() {
        String agent = createAgent(tenantA, "Shop");
        Map<String, String> rules = Map.of(
                "refund", "The customer asks for a refund or wants their money back",
                "shipping", "The customer asks where their parcel is or when it will be delivered",
                "password", "The customer cannot log in or forgot their password",
                "invoice", "The customer needs a copy of an invoice or a receipt",
                "complaint", "The customer is angry and wants to complain about the staff");
        rules.forEach((name, condition) -> rule(tenantA, agent, Map.of("name", name, "condition_text", condition)));
        assertEquals("refund", matchNames(tenantA, agent, Map.of("message", "I want a refund")).get(0));
        assertEquals("shipping", matchNames(tenantA, agent, Map.of("message", "Where is my package? It has not arrived")).get(0));
        assertEquals("password", matchNames(tenantA, agent, Map.of("message", "I forgot my password and can't sign in")).get(0));
        // The refund rule ranks above the shipping rule for a refund request, with scores in order.
        List<String> all = matchNames(tenantA, agent, Map.of("message", "I want a refund", "top_k", 5));
        org.junit.jupiter.api.Assertions.assertTrue(all.indexOf("refund") < all.indexOf("shipping"));
        List<Float> scores = as(runtime(tenantA)).body(Map.of("message", "I want a refund", "top_k", 5))
                .post("/v1/agents/" + agent + "/rules/match").then().statusCode(200).body("strategy", equalTo("exact"))
                .body("embedding_model", equalTo("bge-small-en-v1.5-q")).extract().path("items.score");
        List<Float> sorted = new java.util.ArrayList<>(scores);
        sorted.sort(Collections.reverseOrder());
        assertEquals(sorted, scores);
        // The index path answers the same best rule.
        as(runtime(tenantA)).body(Map.of("message", "I want a refund", "strategy", "index")).post("/v1/agents/" + agent + "/rules/match")
                .then().statusCode(200).body("strategy", equalTo("index")).body("items[0].rule.name", equalTo("refund"));
    }

    @Test
    void scopesDisabledAndDeletedRulesDecideEligibility() {
        String agent = createAgent(tenantA, "Scoped");
        String scenario = createScenario(tenantA, agent, "Refunds");
        String other = createScenario(tenantA, agent, "Other");
        String text = "The customer wants a refund";
        rule(tenantA, agent, Map.of("name", "global", "condition_text", text));
        rule(tenantA, agent, Map.of("name", "in-scenario", "condition_text", text, "scope", "scenario", "scope_id", scenario));
        rule(tenantA, agent, Map.of("name", "at-step", "condition_text", text, "scope", "step", "scope_id", scenario,
                "scope_step_id", "ask"));
        rule(tenantA, agent, Map.of("name", "other-scenario", "condition_text", text, "scope", "scenario", "scope_id", other));
        rule(tenantA, agent, Map.of("name", "disabled", "condition_text", text, "enabled", false));
        String deleted = rule(tenantA, agent, Map.of("name", "deleted", "condition_text", text));
        as(tenantAdmin(tenantA)).delete("/v1/rules/" + deleted).then().statusCode(204);

        Map<String, Object> q = Map.of("message", "refund please", "top_k", 10);
        assertEquals(List.of("global"), matchNames(tenantA, agent, q));
        assertEquals(List.of("global", "in-scenario"), sortedNames(matchNames(tenantA, agent, with(q, "scenario_id", scenario))));
        assertEquals(List.of("at-step", "global", "in-scenario"),
                sortedNames(matchNames(tenantA, agent, with(with(q, "scenario_id", scenario), "step_id", "ask"))));
        assertEquals(List.of("global", "in-scenario"),
                sortedNames(matchNames(tenantA, agent, with(with(q, "scenario_id", scenario), "step_id", "greet"))));
    }

    @Test
    void tiesAreBrokenByPriority() {
        String agent = createAgent(tenantA, "Ties");
        String text = "The customer asks about opening hours";
        rule(tenantA, agent, Map.of("name", "low", "condition_text", text, "priority", 1));
        rule(tenantA, agent, Map.of("name", "high", "condition_text", text, "priority", 9));
        rule(tenantA, agent, Map.of("name", "mid", "condition_text", text, "priority", 5));
        as(runtime(tenantA)).body(Map.of("message", "when are you open?")).post("/v1/agents/" + agent + "/rules/match").then()
                .statusCode(200).body("items.rule.name", contains("high", "mid", "low"));
        as(runtime(tenantA)).body(Map.of("message", "when are you open?", "strategy", "index"))
                .post("/v1/agents/" + agent + "/rules/match").then().statusCode(200).body("items.rule.name", contains("high", "mid", "low"));
    }

    @Test
    void aCallerSuppliedVectorIsUsedAndChecked() {
        String agent = createAgent(tenantA, "Vectors");
        float[] unit = new float[384];
        unit[0] = 1;
        float[] other = new float[384];
        other[1] = 1;
        rule(tenantA, agent, Map.of("name", "x-axis", "condition_text", "x", "condition_embedding", unit, "embedding_model", MODEL));
        rule(tenantA, agent, Map.of("name", "y-axis", "condition_text", "y", "condition_embedding", other, "embedding_model", MODEL));
        as(runtime(tenantA)).body(Map.of("embedding", other, "embedding_model", MODEL)).post("/v1/agents/" + agent + "/rules/match")
                .then().statusCode(200).body("items[0].rule.name", equalTo("y-axis")).body("items[0].score", equalTo(1.0f))
                .body("embedding_model", equalTo(MODEL));
        as(tenantAdmin(tenantA)).body(Map.of("name", "bad", "action_type", "a", "condition_text", "x", "condition_embedding", new float[3],
                "embedding_model", MODEL)).post("/v1/agents/" + agent + "/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("condition_embedding"));
        as(runtime(tenantA)).body(Map.of("embedding", new float[10], "embedding_model", MODEL)).post("/v1/agents/" + agent + "/rules/match")
                .then().statusCode(400).body("errors[0].field", equalTo("embedding"));
        as(runtime(tenantA)).body(Map.of("embedding", unit, "embedding_model", "text-embedding-3-small"))
                .post("/v1/agents/" + agent + "/rules/match").then().statusCode(400).body("errors[0].field", equalTo("embedding_model"));
        as(runtime(tenantA)).body(Map.of()).post("/v1/agents/" + agent + "/rules/match").then().statusCode(400)
                .body("errors[0].field", equalTo("message"));
    }

    @Test
    void aReadyVectorNeedsItsModelAndTheOldNamesStillRead() {
        String agent = createAgent(tenantA, "BothOrNeither");
        float[] unit = new float[384];
        unit[0] = 1;
        rule(tenantA, agent, Map.of("name", "x-axis", "condition_text", "x", "condition_embedding", unit, "embedding_model", MODEL));
        String match = "/v1/agents/" + agent + "/rules/match";
        // embedding and embedding_model: both or neither.
        as(runtime(tenantA)).body(Map.of("embedding", unit)).post(match).then().statusCode(400)
                .body("errors[0].field", equalTo("embedding_model"));
        as(runtime(tenantA)).body(Map.of("message", "x", "embedding_model", MODEL)).post(match).then().statusCode(400)
                .body("errors[0].field", equalTo("embedding"));
        as(tenantAdmin(tenantA)).body(Map.of("name", "no-model", "action_type", "a", "condition_text", "x", "condition_embedding", unit))
                .post("/v1/agents/" + agent + "/rules").then().statusCode(400).body("errors[0].field", equalTo("embedding_model"));
        // Deprecated for one release: "vector" for embedding, "hnsw" for the index strategy.
        as(runtime(tenantA)).body(Map.of("vector", unit, "embedding_model", MODEL, "strategy", "hnsw")).post(match).then()
                .statusCode(200).body("strategy", equalTo("index")).body("items[0].rule.name", equalTo("x-axis"));
        as(runtime(tenantA)).body(Map.of("message", "x", "strategy", "fastest")).post(match).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void createReadUpdateDelete() {
        String agent = createAgent(tenantA, "Crud");
        String scenario = createScenario(tenantA, agent, "S");
        String id = rule(tenantA, agent, Map.of("name", "r1", "condition_text", "asks for a discount", "action_config",
                Map.of("template", "discount"), "priority", 3));
        as(viewer(tenantA)).get("/v1/rules/" + id).then().statusCode(200).body("scope", equalTo("global"))
                .body("action_config.template", equalTo("discount")).body("priority", equalTo(3))
                .body("embedding_model", equalTo("bge-small-en-v1.5-q"));
        as(tenantAdmin(tenantA)).body(Map.of("scope", "step", "scope_id", scenario, "scope_step_id", "done", "condition_text",
                "asks for a coupon code")).patch("/v1/rules/" + id).then().statusCode(200).body("scope", equalTo("step"))
                .body("scope_step_id", equalTo("done")).body("condition_text", equalTo("asks for a coupon code"));
        as(tenantAdmin(tenantA)).body(Map.of("scope", "global")).patch("/v1/rules/" + id).then().statusCode(200)
                .body("scope_id", equalTo(null)).body("scope_step_id", equalTo(null));
        as(viewer(tenantA)).queryParam("scope", "global").get("/v1/agents/" + agent + "/rules").then().statusCode(200)
                .body("items.id", hasItem(id));
        as(tenantAdmin(tenantA)).delete("/v1/rules/" + id).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/rules/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        String agent = createAgent(tenantA, "Bad");
        String scenario = createScenario(tenantA, agent, "S");
        String otherAgent = createAgent(tenantA, "Other");
        String otherScenario = createScenario(tenantA, otherAgent, "S2");
        String path = "/v1/agents/" + agent + "/rules";
        String admin = tenantAdmin(tenantA);
        as(admin).body(Map.of("name", "x", "action_type", "a")).post(path).then().statusCode(400).body("errors.field", hasItem("condition_text"));
        as(admin).body(Map.of("name", "x", "condition_text", "c")).post(path).then().statusCode(400).body("errors.field", hasItem("action_type"));
        as(admin).body(Map.of("name", "x", "action_type", "a", "condition_text", "c", "scope", "planet")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("scope"));
        as(admin).body(Map.of("name", "x", "action_type", "a", "condition_text", "c", "scope", "scenario")).post(path).then()
                .statusCode(400).body("errors[0].field", equalTo("scope_id"));
        as(admin).body(Map.of("name", "x", "action_type", "a", "condition_text", "c", "scope", "scenario", "scope_id", otherScenario))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("scope_id"));
        as(admin).body(Map.of("name", "x", "action_type", "a", "condition_text", "c", "scope", "step", "scope_id", scenario,
                "scope_step_id", "nowhere")).post(path).then().statusCode(400).body("errors[0].field", equalTo("scope_step_id"));
        as(admin).body(Map.of("name", "x", "action_type", "a", "condition_text", "c", "scope_id", scenario)).post(path).then()
                .statusCode(400).body("errors[0].field", equalTo("scope_id"));
        as(admin).body(Map.of("name", "x", "action_type", "a", "condition_text", "c", "priority", "high")).post(path).then()
                .statusCode(400).body("errors[0].field", equalTo("priority"));
        as(viewer(tenantA)).body(Map.of("message", "hi", "top_k", 0)).post(path + "/match").then().statusCode(400)
                .body("errors[0].field", equalTo("top_k"));
        as(viewer(tenantA)).body(Map.of("message", "hi", "step_id", "ask")).post(path + "/match").then().statusCode(400)
                .body("errors[0].field", equalTo("scenario_id"));
        as(admin).get(path).then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void anotherTenantCannotSeeChangeOrMatchRules() {
        String agent = createAgent(tenantA, "Private");
        String id = rule(tenantA, agent, Map.of("name", "secret", "condition_text", "The customer asks for a refund"));
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/rules/" + id));
        invisibleTo(b, r -> r.body(Map.of("name", "stolen")).patch("/v1/rules/" + id));
        invisibleTo(b, r -> r.delete("/v1/rules/" + id));
        invisibleTo(b, r -> r.get("/v1/agents/" + agent + "/rules"));
        invisibleTo(b, r -> r.body(Map.of("name", "x", "action_type", "a", "condition_text", "c")).post("/v1/agents/" + agent + "/rules"));
        invisibleTo(b, r -> r.body(Map.of("message", "refund")).post("/v1/agents/" + agent + "/rules/match"));
        as(tenantAdmin(tenantA)).get("/v1/agents/" + agent + "/rules").then().statusCode(200).body("items.name", contains("secret"));
        as(viewer(tenantA)).body(Map.of("name", "x")).patch("/v1/rules/" + id).then().statusCode(403);
        assertEquals(1, matchNames(tenantA, agent, Map.of("message", "refund")).size());
        as(tenantAdmin(tenantA)).get("/v1/rules/" + id).then().statusCode(200).body("name", not(equalTo("stolen")));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> out = new HashMap<>(base);
        out.put(key, value);
        return out;
    }

    private static List<String> sortedNames(List<String> names) {
        return names.stream().sorted().toList();
    }

}
