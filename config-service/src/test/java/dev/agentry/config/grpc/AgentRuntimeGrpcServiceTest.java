package dev.agentry.config.grpc;

import static dev.agentry.common.testing.GrpcTestCalls.as;
import static dev.agentry.common.testing.GrpcTestCalls.forged;
import static dev.agentry.common.testing.GrpcTestCalls.problem;
import static dev.agentry.common.testing.GrpcTestCalls.refused;
import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.step;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.config.v1.AgentRuntimeGrpc;
import dev.agentry.api.config.v1.Rule;
import dev.agentry.api.config.v1.RuleMatchReply;
import dev.agentry.api.config.v1.RuleMatchRequest;
import dev.agentry.api.config.v1.RuntimeConfigReply;
import dev.agentry.api.config.v1.RuntimeConfigRequest;
import dev.agentry.api.config.v1.ScenarioMatch;
import dev.agentry.api.config.v1.ScenarioMatchReply;
import dev.agentry.api.config.v1.ScenarioMatchRequest;
import dev.agentry.api.config.v1.SearchStrategy;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.GrpcTestCalls;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.config.ConfigTestSupport;
import dev.agentry.config.ConfigTwoTenantTest;
import dev.agentry.config.runtime.RuntimeConfig;
import dev.agentry.config.runtime.RuntimeConfigResource;
import dev.agentry.config.runtime.RuntimeConfigService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code agentry.config.v1.AgentRuntime} as a client generated from config-api calls it, on the
 * HTTP port: each RPC answers what its REST twin answers for the same input (rule and scenario
 * matches with the same ids, order and scores; the runtime config as the same JSON document), with
 * the same token checks, roles and field errors, and another tenant's agent is NOT_FOUND as REST's
 * 404. Vectors are given ready (the gRPC requests carry no text), so no test embeds.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AgentRuntimeGrpcServiceTest extends ConfigTwoTenantTest {

    /** The deployment's embedding model and width in tests. */
    private static final String MODEL = "bge-small-en-v1.5-q";
    private static final int WIDTH = 384;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = GrpcTestCalls.channel();
    }

    @AfterEach
    void close() throws InterruptedException {
        GrpcTestCalls.close(channel);
    }

    private AgentRuntimeGrpc.AgentRuntimeBlockingStub agentRuntime(String token) {
        return as(AgentRuntimeGrpc.newBlockingStub(channel), token);
    }

    // --- Fixtures: an agent whose rules and scenarios lie on the first axes, and a query between them ---

    /** Unit vector on axis {@code i}. */
    private static float[] axis(int i) {
        float[] v = new float[WIDTH];
        v[i] = 1;
        return v;
    }

    /** Nearest axis 0, then 1, 2, 3: every axis gets a different score. */
    private static final float[] QUERY = query();

    private static float[] query() {
        float[] v = new float[WIDTH];
        v[0] = 0.8f;
        v[1] = 0.5f;
        v[2] = 0.3f;
        v[3] = 0.1f;
        return v;
    }

    private static List<Float> floats(float[] vector) {
        List<Float> out = new ArrayList<>(vector.length);
        for (float f : vector) {
            out.add(f);
        }
        return out;
    }

    private static String rule(UUID tenant, String agent, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("action_type", "respond", "embedding_model", MODEL));
        body.putAll(fields);
        return ConfigTestSupport.as(tenantAdmin(tenant)).body(body).post("/v1/agents/" + agent + "/rules").then().statusCode(201)
                .extract().path("id");
    }

    private static String scenario(UUID tenant, String agent, String name, float[] entry) {
        return ConfigTestSupport.as(tenantAdmin(tenant)).body(Map.of("name", name, "entry_condition", name + " entry",
                "entry_embedding", entry, "embedding_model", MODEL, "steps",
                List.of(step("greet", "Greeting", true, "ask"), step("ask", "Ask", false, "done"), step("done", "Done", false))))
                .post("/v1/agents/" + agent + "/scenarios").then().statusCode(201).extract().path("id");
    }

    /** An agent of A with two global rules, one in a scenario, one at its step {@code ask}, and a disabled one. */
    private record Shop(String agent, String scenario) {
    }

    private static Shop shop() {
        String agent = createAgent(tenantA, "Shop");
        String scenario = scenario(tenantA, agent, "Refunds", axis(5));
        rule(tenantA, agent, Map.of("name", "first", "condition_text", "x", "condition_embedding", axis(0), "description", "The best",
                "action_config", Map.of("template", "refund", "limits", Map.of("max_eur", 50)), "priority", 3));
        rule(tenantA, agent, Map.of("name", "second", "condition_text", "y", "condition_embedding", axis(1)));
        rule(tenantA, agent, Map.of("name", "in-scenario", "condition_text", "z", "condition_embedding", axis(2), "scope", "scenario",
                "scope_id", scenario));
        rule(tenantA, agent, Map.of("name", "at-step", "condition_text", "w", "condition_embedding", axis(3), "scope", "step",
                "scope_id", scenario, "scope_step_id", "ask"));
        rule(tenantA, agent, Map.of("name", "off", "condition_text", "v", "condition_embedding", axis(0), "enabled", false));
        return new Shop(agent, scenario);
    }

    private static RuleMatchRequest.Builder ruleQuery(String agent) {
        return RuleMatchRequest.newBuilder().setAgentId(agent).addAllEmbedding(floats(QUERY)).setEmbeddingModel(MODEL);
    }

    private static ScenarioMatchRequest.Builder scenarioQuery(String agent) {
        return ScenarioMatchRequest.newBuilder().setAgentId(agent).addAllEmbedding(floats(QUERY)).setEmbeddingModel(MODEL);
    }

    /** The REST answer of {@code path} for {@code body}, as a map (scores as doubles). */
    private static Map<String, Object> restPost(String token, String path, Map<String, Object> body) {
        return read(ConfigTestSupport.as(token).body(body).post(path).then().statusCode(200).extract().asString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static Map<String, Object> restMatchBody(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("embedding", QUERY, "embedding_model", MODEL));
        body.putAll(extra);
        return body;
    }

    /** A gRPC rule in REST's shape: empty strings back to nulls, the scope in lower case, the action config as a map. */
    private static Map<String, Object> restShape(Rule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rule.getId());
        out.put("agent_id", rule.getAgentId());
        out.put("name", rule.getName());
        out.put("description", nullIfEmpty(rule.getDescription()));
        out.put("condition_text", rule.getConditionText());
        out.put("embedding_model", rule.getEmbeddingModel());
        out.put("action_type", rule.getActionType());
        out.put("action_config", read(rule.getActionConfigJson()));
        out.put("scope", rule.getScope().toLowerCase(java.util.Locale.ROOT));
        out.put("scope_id", nullIfEmpty(rule.getScopeId()));
        out.put("scope_step_id", nullIfEmpty(rule.getScopeStepId()));
        out.put("priority", rule.getPriority());
        out.put("enabled", rule.getEnabled());
        out.put("created_at", rule.getCreatedAt());
        out.put("updated_at", rule.getUpdatedAt());
        return out;
    }

    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }

    /** The gRPC rule match holds REST's items (every rule field, in the same order, with the same scores), strategy and model. */
    @SuppressWarnings("unchecked")
    private static void assertSameRuleMatches(Map<String, Object> rest, RuleMatchReply reply) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) rest.get("items");
        assertEquals(items.size(), reply.getItemsCount(), "as many matches as REST");
        for (int i = 0; i < items.size(); i++) {
            assertEquals(items.get(i).get("rule"), restShape(reply.getItems(i).getRule()), "rule " + i);
            assertEquals(((Number) items.get(i).get("score")).doubleValue(), reply.getItems(i).getScore(), "score " + i);
        }
        assertEquals(rest.get("strategy"), reply.getStrategy().name().replace("SEARCH_STRATEGY_", "").toLowerCase(java.util.Locale.ROOT));
        assertEquals(rest.get("embedding_model"), reply.getEmbeddingModel());
    }

    private static List<String> names(RuleMatchReply reply) {
        return reply.getItemsList().stream().map(m -> m.getRule().getName()).toList();
    }

    /** The field the problem trailer of a refused call names first. */
    @SuppressWarnings("unchecked")
    private static String field(StatusRuntimeException failure) {
        Map<String, Object> document = problem(failure);
        assertEquals(400, ((Number) document.get("status")).intValue());
        assertEquals(failure.getStatus().getDescription(), document.get("detail"));
        List<Map<String, Object>> errors = (List<Map<String, Object>>) document.get("errors");
        return (String) errors.get(0).get("field");
    }

    private static String invalidField(Executable call) {
        return field(refused(Status.Code.INVALID_ARGUMENT, call));
    }

    /** Missing and forged tokens are UNAUTHENTICATED, a token without roles PERMISSION_DENIED, as REST's 401 and 403. */
    private void refusesBadTokens(Consumer<AgentRuntimeGrpc.AgentRuntimeBlockingStub> call) {
        StatusRuntimeException missing = refused(Status.Code.UNAUTHENTICATED, () -> call.accept(agentRuntime(null)));
        assertEquals(401, ((Number) problem(missing).get("status")).intValue());
        refused(Status.Code.UNAUTHENTICATED, () -> call.accept(agentRuntime(forged(tenantA, Roles.AGENT_RUNTIME))));
        StatusRuntimeException denied = refused(Status.Code.PERMISSION_DENIED,
                () -> call.accept(agentRuntime(TestTokens.forTenant(tenantA))));
        assertEquals(403, ((Number) problem(denied).get("status")).intValue());
    }

    // --- MatchRules --------------------------------------------------------------------------------

    @Test
    void matchRulesAnswersWhatRestAnswers() {
        Shop shop = shop();
        String path = "/v1/agents/" + shop.agent() + "/rules/match";

        // No scenario: the global rules only; top_k unset is the default (5), the strategy auto (exact here).
        RuleMatchReply global = agentRuntime(runtime(tenantA)).matchRules(ruleQuery(shop.agent()).build());
        assertEquals(List.of("first", "second"), names(global));
        assertEquals(SearchStrategy.SEARCH_STRATEGY_EXACT, global.getStrategy());
        assertSameRuleMatches(restPost(runtime(tenantA), path, restMatchBody(Map.of())), global);
        Rule first = global.getItems(0).getRule();
        assertEquals(tree("{\"template\":\"refund\",\"limits\":{\"max_eur\":50}}"), tree(first.getActionConfigJson()));
        assertEquals("GLOBAL", first.getScope());
        assertEquals("", global.getItems(1).getRule().getDescription(), "no description is the empty string");
        assertEquals("{}", global.getItems(1).getRule().getActionConfigJson(), "no action config is an empty object");
        assertTrue(global.getItems(0).getScore() > global.getItems(1).getScore());

        // At the scenario's step "ask": its scenario and step rules join, in score order.
        RuleMatchReply atStep = agentRuntime(viewer(tenantA))
                .matchRules(ruleQuery(shop.agent()).setScenarioId(shop.scenario()).setStepId("ask").build());
        assertEquals(List.of("first", "second", "in-scenario", "at-step"), names(atStep));
        assertEquals("STEP", atStep.getItems(3).getRule().getScope());
        assertSameRuleMatches(restPost(viewer(tenantA), path, restMatchBody(Map.of("scenario_id", shop.scenario(), "step_id", "ask"))),
                atStep);

        // top_k and the strategy are passed on.
        RuleMatchReply two = agentRuntime(runtime(tenantA)).matchRules(ruleQuery(shop.agent()).setScenarioId(shop.scenario())
                .setStepId("ask").setTopK(2).setStrategy(SearchStrategy.SEARCH_STRATEGY_INDEX).build());
        assertEquals(List.of("first", "second"), names(two));
        assertEquals(SearchStrategy.SEARCH_STRATEGY_INDEX, two.getStrategy());
        assertSameRuleMatches(restPost(runtime(tenantA), path, restMatchBody(Map.of("scenario_id", shop.scenario(), "step_id", "ask",
                "top_k", 2, "strategy", "index"))), two);
        RuleMatchReply exact = agentRuntime(runtime(tenantA))
                .matchRules(ruleQuery(shop.agent()).setStrategy(SearchStrategy.SEARCH_STRATEGY_EXACT).build());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_EXACT, exact.getStrategy());
        assertEquals(names(global), names(exact));
    }

    @Test
    void matchRulesRefusesMissingForgedAndRolelessTokens() {
        String agent = shop().agent();
        refusesBadTokens(stub -> stub.matchRules(ruleQuery(agent).build()));
        ConfigTestSupport.as(TestTokens.forTenant(tenantA)).body(restMatchBody(Map.of())).post("/v1/agents/" + agent + "/rules/match")
                .then().statusCode(403);
    }

    @Test
    void matchRulesOfAnotherTenantsAgentIsNotFoundAsInRest() {
        String agent = shop().agent();
        StatusRuntimeException notFound = refused(Status.Code.NOT_FOUND,
                () -> agentRuntime(runtime(tenantB)).matchRules(ruleQuery(agent).build()));
        assertEquals(404, ((Number) problem(notFound).get("status")).intValue());
        ConfigTestSupport.as(runtime(tenantB)).body(restMatchBody(Map.of())).post("/v1/agents/" + agent + "/rules/match").then()
                .statusCode(404);
        refused(Status.Code.NOT_FOUND, () -> agentRuntime(runtime(tenantA)).matchRules(ruleQuery(UUID.randomUUID().toString()).build()));
        // A still matches its rules.
        assertEquals(2, agentRuntime(runtime(tenantA)).matchRules(ruleQuery(agent).build()).getItemsCount());
    }

    @Test
    void matchRulesBadInputIsInvalidArgumentNamingTheField() {
        String agent = shop().agent();
        AgentRuntimeGrpc.AgentRuntimeBlockingStub stub = agentRuntime(runtime(tenantA));
        assertEquals("agent_id", invalidField(() -> stub.matchRules(ruleQuery("not-a-uuid").build())));
        assertEquals("agent_id", invalidField(() -> stub.matchRules(ruleQuery("").build())));
        assertEquals("embedding", invalidField(() -> stub.matchRules(RuleMatchRequest.newBuilder().setAgentId(agent)
                .addAllEmbedding(floats(new float[10])).setEmbeddingModel(MODEL).build())));
        ConfigTestSupport.as(runtime(tenantA)).body(Map.of("embedding", new float[10], "embedding_model", MODEL))
                .post("/v1/agents/" + agent + "/rules/match").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("embedding"));
        assertEquals("top_k", invalidField(() -> stub.matchRules(ruleQuery(agent).setTopK(0).build())));
        assertEquals("top_k", invalidField(() -> stub.matchRules(ruleQuery(agent).setTopK(51).build())));
        assertEquals("strategy", invalidField(() -> stub.matchRules(ruleQuery(agent).setStrategyValue(7).build())));
        assertEquals("scenario_id", invalidField(() -> stub.matchRules(ruleQuery(agent).setScenarioId("nope").build())));
        assertEquals("scenario_id", invalidField(() -> stub.matchRules(ruleQuery(agent).setStepId("ask").build())));
        assertEquals("embedding_model", invalidField(() -> stub.matchRules(ruleQuery(agent).setEmbeddingModel("").build())));
        assertEquals("embedding_model", invalidField(() -> stub.matchRules(ruleQuery(agent).setEmbeddingModel("other-model").build())));
    }

    // --- MatchScenarios ----------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void matchScenariosAnswersWhatRestAnswers() {
        String agent = createAgent(tenantA, "Scenarios");
        String near = scenario(tenantA, agent, "Near", axis(0));
        String middle = scenario(tenantA, agent, "Middle", axis(1));
        String far = scenario(tenantA, agent, "Far", axis(2));
        String path = "/v1/agents/" + agent + "/scenarios/match";

        ScenarioMatchReply all = agentRuntime(runtime(tenantA)).matchScenarios(scenarioQuery(agent).build());
        assertEquals(List.of(near, middle, far), all.getItemsList().stream().map(ScenarioMatch::getScenarioId).toList());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_EXACT, all.getStrategy());
        assertEquals(MODEL, all.getEmbeddingModel());
        ScenarioMatch best = all.getItems(0);
        assertEquals("Near", best.getName());
        assertEquals(1, best.getVersion());
        assertEquals("greet", best.getEntryStepId());
        assertEquals("Near entry", best.getEntryCondition());

        Map<String, Object> rest = restPost(viewer(tenantA), path, restMatchBody(Map.of()));
        List<Map<String, Object>> items = (List<Map<String, Object>>) rest.get("items");
        assertEquals(items.size(), all.getItemsCount());
        for (int i = 0; i < items.size(); i++) {
            ScenarioMatch match = all.getItems(i);
            assertEquals(items.get(i), Map.of("scenario_id", match.getScenarioId(), "name", match.getName(), "version", match.getVersion(),
                    "entry_step_id", match.getEntryStepId(), "entry_condition", match.getEntryCondition(), "score", match.getScore()),
                    "match " + i);
        }
        assertEquals("exact", rest.get("strategy"));

        ScenarioMatchReply two = agentRuntime(viewer(tenantA))
                .matchScenarios(scenarioQuery(agent).setTopK(2).setStrategy(SearchStrategy.SEARCH_STRATEGY_INDEX).build());
        assertEquals(List.of(near, middle), two.getItemsList().stream().map(ScenarioMatch::getScenarioId).toList());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_INDEX, two.getStrategy());
        Map<String, Object> restTwo = restPost(viewer(tenantA), path, restMatchBody(Map.of("top_k", 2, "strategy", "index")));
        assertEquals(((List<Map<String, Object>>) restTwo.get("items")).stream().map(m -> m.get("score")).toList(),
                two.getItemsList().stream().map(ScenarioMatch::getScore).toList());
    }

    @Test
    void matchScenariosRefusesMissingForgedAndRolelessTokens() {
        String agent = createAgent(tenantA, "Scenario tokens");
        refusesBadTokens(stub -> stub.matchScenarios(scenarioQuery(agent).build()));
    }

    @Test
    void matchScenariosOfAnotherTenantsAgentIsNotFoundAsInRest() {
        String agent = createAgent(tenantA, "Private scenarios");
        scenario(tenantA, agent, "Mine", axis(0));
        refused(Status.Code.NOT_FOUND, () -> agentRuntime(runtime(tenantB)).matchScenarios(scenarioQuery(agent).build()));
        ConfigTestSupport.as(runtime(tenantB)).body(restMatchBody(Map.of())).post("/v1/agents/" + agent + "/scenarios/match").then()
                .statusCode(404);
        assertEquals(1, agentRuntime(runtime(tenantA)).matchScenarios(scenarioQuery(agent).build()).getItemsCount());
    }

    @Test
    void matchScenariosBadInputIsInvalidArgumentNamingTheField() {
        String agent = createAgent(tenantA, "Scenario input");
        AgentRuntimeGrpc.AgentRuntimeBlockingStub stub = agentRuntime(runtime(tenantA));
        assertEquals("agent_id", invalidField(() -> stub.matchScenarios(scenarioQuery("12345").build())));
        assertEquals("embedding", invalidField(() -> stub.matchScenarios(ScenarioMatchRequest.newBuilder().setAgentId(agent)
                .addAllEmbedding(floats(new float[WIDTH + 1])).setEmbeddingModel(MODEL).build())));
        assertEquals("top_k", invalidField(() -> stub.matchScenarios(scenarioQuery(agent).setTopK(0).build())));
        assertEquals("top_k", invalidField(() -> stub.matchScenarios(scenarioQuery(agent).setTopK(51).build())));
        ConfigTestSupport.as(runtime(tenantA)).body(restMatchBody(Map.of("top_k", 51))).post("/v1/agents/" + agent + "/scenarios/match")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("top_k"));
        assertEquals("strategy", invalidField(() -> stub.matchScenarios(scenarioQuery(agent).setStrategyValue(7).build())));
    }

    // --- GetRuntimeConfig --------------------------------------------------------------------------

    private static Response restRuntimeConfig(String token, String agent) {
        return ConfigTestSupport.as(token).get("/v1/agents/" + agent + "/runtime-config").then().statusCode(200).extract().response();
    }

    @Test
    void getRuntimeConfigIsRestsDocumentUntilTheGenerationIsKnownAndAnEditChangesBoth() {
        Shop shop = shop();
        String agent = shop.agent();
        restRuntimeConfig(runtime(tenantA), agent);
        // Now cached: REST and gRPC read the same entry, built_at included.
        Response rest = restRuntimeConfig(runtime(tenantA), agent);
        assertEquals("hit", rest.header(RuntimeConfigResource.CACHE_HEADER));
        RuntimeConfigReply first = agentRuntime(runtime(tenantA)).getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent).build());
        assertFalse(first.getNotModified());
        assertEquals(tree(rest.asString()), tree(first.getConfigJson()), "the document REST answers");
        assertEquals(rest.jsonPath().getString("generation"), first.getGeneration());
        assertEquals(agent, tree(first.getConfigJson()).path("agent").path("id").asText());
        assertEquals(List.of(shop.scenario()), rest.jsonPath().getList("scenarios.scenario_id"));

        // The caller holds this generation: not modified, no document.
        RuntimeConfigReply again = agentRuntime(viewer(tenantA))
                .getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent).setKnownGeneration(first.getGeneration()).build());
        assertTrue(again.getNotModified());
        assertEquals("", again.getConfigJson());
        assertEquals(first.getGeneration(), again.getGeneration());
        // Another generation than the current one gets the document.
        RuntimeConfigReply stale = agentRuntime(runtime(tenantA))
                .getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent).setKnownGeneration("0.0").build());
        assertFalse(stale.getNotModified());
        assertEquals(tree(first.getConfigJson()), tree(stale.getConfigJson()));

        // An edit of the agent's configuration (through REST) makes a new generation and document.
        ConfigTestSupport.as(tenantAdmin(tenantA)).body(Map.of("system_prompt", "Be brief.")).patch("/v1/agents/" + agent).then()
                .statusCode(200);
        RuntimeConfigReply edited = agentRuntime(runtime(tenantA))
                .getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent).setKnownGeneration(first.getGeneration()).build());
        assertFalse(edited.getNotModified());
        assertNotEquals(first.getGeneration(), edited.getGeneration());
        JsonNode document = tree(edited.getConfigJson());
        assertEquals("Be brief.", document.path("agent").path("system_prompt").asText());
        assertEquals(edited.getGeneration(), document.path("generation").asText());
        assertEquals(tree(restRuntimeConfig(runtime(tenantA), agent).asString()), document);
        assertTrue(agentRuntime(runtime(tenantA)).getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent)
                .setKnownGeneration(edited.getGeneration()).build()).getNotModified());
    }

    @Test
    void getRuntimeConfigRefusesMissingForgedAndRolelessTokens() {
        String agent = createAgent(tenantA, "Runtime tokens");
        refusesBadTokens(stub -> stub.getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent).build()));
        ConfigTestSupport.as(TestTokens.forTenant(tenantA)).get("/v1/agents/" + agent + "/runtime-config").then().statusCode(403);
    }

    @Test
    void getRuntimeConfigOfAnotherTenantsAgentIsNotFoundEvenWithTheCurrentGeneration() {
        String agent = createAgent(tenantA, "Private runtime");
        String otherAgent = createAgent(tenantB, "B's own");
        String generationOfB = agentRuntime(runtime(tenantB))
                .getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(otherAgent).build()).getGeneration();
        // The generation is the tenant's, not the agent's: knowing B's current one must not make A's agent "not modified".
        refused(Status.Code.NOT_FOUND, () -> agentRuntime(runtime(tenantB)).getRuntimeConfig(RuntimeConfigRequest.newBuilder()
                .setAgentId(agent).setKnownGeneration(generationOfB).build()));
        refused(Status.Code.NOT_FOUND, () -> agentRuntime(runtime(tenantB))
                .getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent).build()));
        ConfigTestSupport.as(runtime(tenantB)).get("/v1/agents/" + agent + "/runtime-config").then().statusCode(404);
        refused(Status.Code.NOT_FOUND, () -> agentRuntime(runtime(tenantA)).getRuntimeConfig(RuntimeConfigRequest.newBuilder()
                .setAgentId(UUID.randomUUID().toString()).build()));
        assertFalse(agentRuntime(runtime(tenantA)).getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent).build())
                .getConfigJson().isEmpty());
    }

    @Test
    void getRuntimeConfigBadInputIsInvalidArgumentNamingTheField() {
        AgentRuntimeGrpc.AgentRuntimeBlockingStub stub = agentRuntime(runtime(tenantA));
        assertEquals("agent_id", invalidField(() -> stub.getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId("x").build())));
        assertEquals("agent_id", invalidField(() -> stub.getRuntimeConfig(RuntimeConfigRequest.newBuilder().build())));
    }

    @Test
    void aViewBuiltWithoutTheCacheIsNeverNotModified() {
        // Redis unreachable: every view is "uncached", whatever changed, so a copy labelled so must be replaced.
        RuntimeConfigService.Answer uncached = new RuntimeConfigService.Answer(view("uncached"), false);
        assertFalse(uncached.isGeneration("uncached"));
        RuntimeConfigService.Answer cached = new RuntimeConfigService.Answer(view("4.2"), true);
        assertTrue(cached.isGeneration("4.2"));
        assertFalse(cached.isGeneration("4.1"));
        assertFalse(cached.isGeneration(""));
    }

    private static RuntimeConfig view(String generation) {
        return new RuntimeConfig(null, List.of(), false, List.of(), List.of(), List.of(), List.of(), null, null, generation, Instant.now());
    }
}
