package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A whole conversation over the real, packaged services (issue 15's first "must show"): the tenant
 * configures an agent in config-service (a scenario of two steps, a variable, an exclusive template
 * on the second step, its LLM), and customers talk to it through conversation-service, which calls
 * config-, profile-, memory- and catalog-service and the tenant's LLM (an OpenAI-compatible stand-in
 * that keeps what it was told). The wire is checked as a client sees it (snake_case JSON, SSE).
 */
@ExtendWith(Suite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversationFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String LLM_KEY = "sk-tenant-" + UUID.randomUUID();

    private static Clients.TenantToken tenant;
    private static UUID agent;
    private static UUID scenario;

    /** The agent: an order-status scenario (ask for the number, then confirm), its variables and template. */
    @BeforeAll
    static void configureTheAgent() throws Exception {
        tenant = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        String token = tenant.token();
        agent = UUID.fromString(ok(post(config("/v1/agents"), token, Map.of("name", "Orders", "slug", "orders"))).path("id").asText());
        ok(post(config("/v1/agents/" + agent + "/variables"), token, Map.of("name", "order_number", "update_policy", "replace")));
        ok(post(config("/v1/agents/" + agent + "/variables"), token, Map.of("name", "email", "update_policy", "append",
                "default_value", List.of())));
        scenario = UUID.fromString(ok(post(config("/v1/agents/" + agent + "/scenarios"), token, Map.of("name", "Order status",
                "entry_condition", "the customer asks where their order is", "steps", steps("ask_order")))).path("id").asText());
        ok(post(config("/v1/agents/" + agent + "/templates"), token, Map.of("name", "order found", "mode", "exclusive",
                "content", "Thanks, order {order_number} is on its way.", "scope", "step", "scope_id", scenario.toString(),
                "scope_step_id", "confirm")));

        warmUp(token);
    }

    /**
     * Whole turns of throwaway sessions until one is answered with nothing degraded: services just
     * started answer their first calls slowly on this machine, past the turn's call timeout, and
     * the circuit breakers those failures open would skip them in the turns under test.
     */
    private static void warmUp(String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = ok(turn(token, openSession(token, "warm-up-" + UUID.randomUUID()), "hello, is anyone there?", null));
            if (last.path("degraded").isEmpty()) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("the services never answered a whole turn: " + last);
    }

    /** Two steps: the first asks for the order number and moves on once it is a slot. */
    private static List<Map<String, Object>> steps(String firstStep) {
        return List.of(
                Map.of("id", firstStep, "name", "Ask for the order", "entry", true, "instructions", "Ask for the order number.",
                        "transitions", List.of(Map.of("to", "confirm", "condition", "slot:order_number")),
                        "metadata", Map.of("response", "Which order number is it?")),
                Map.of("id", "confirm", "name", "Confirm", "instructions", "Confirm where the order is.", "transitions", List.of()));
    }

    @Test
    @Order(1)
    void aConversationEntersAScenarioFollowsATransitionFillsASlotUsesATemplateAMemoryAndTheLlm() throws Exception {
        String token = tenant.token();
        UUID session = openSession(token, "visitor-" + UUID.randomUUID());

        // 1. The message matches the scenario's entry: the entry step answers.
        JsonNode first = ok(turn(token, session, "Where is my order? I ordered it last week.", null));
        assertEquals("step", first.path("response_source").asText(), first.toString());
        assertEquals("Which order number is it?", first.path("response").asText());
        assertEquals("ask_order", first.path("current_step_id").asText());
        assertEquals(scenario.toString(), first.path("active_scenario_id").asText());
        assertEquals(0, first.path("degraded").size(), first.toString());

        // 2. The order number fills the slot, the transition follows, the step's exclusive template answers.
        JsonNode second = ok(turn(token, session, "It is order #4471", null));
        assertEquals("confirm", second.path("current_step_id").asText(), second.toString());
        assertEquals("ask_order", second.path("decision").path("scenario_step").path("from").asText());
        assertEquals("template", second.path("response_source").asText());
        assertEquals("Thanks, order 4471 is on its way.", second.path("response").asText());
        assertEquals("order found", second.path("decision").path("template").path("name").asText());
        JsonNode read = ok(get(conversation("/v1/sessions/" + session), token));
        assertEquals("4471", read.path("variables").path("order_number").asText(), read.toString());
        List<String> history = new ArrayList<>();
        read.path("step_history").forEach(h -> history.add(h.path("step_id").asText()));
        assertEquals(List.of("ask_order", "confirm"), history);
        UUID customer = UUID.fromString(read.path("customer_profile_id").asText());

        // memory-service keeps the turns as the customer's episodes (handed over without waiting).
        waitForEpisodes(token, customer, 2);

        // 3. With the tenant's LLM configured, an unanswered message goes to it with the customer's memories.
        configureLlm(token);
        Suite.llm().clear();
        JsonNode third = ok(turn(token, session, "Could you also remind me what I asked you before?", null));
        assertEquals("llm", third.path("response_source").asText(), third.toString());
        assertEquals(LlmStandIn.ANSWER, third.path("response").asText());
        assertTrue(third.path("decision").path("memories").size() > 0, "the customer's earlier turns were recalled: " + third);
        // The call's price by the model registry (42 tokens in at $0.001/1k, 9 out at $0.002/1k) is the decision's.
        assertEquals(0.00006, third.path("decision").path("llm").path("estimated_cost_usd").asDouble(), 1e-9, third.toString());
        try (var db = Suite.database(); var statement = db.createStatement()) {
            statement.execute("SELECT set_config('app.tenant_id', '" + tenant.tenantId() + "', false)"); // forced RLS
            try (var row = statement.executeQuery("SELECT estimated_cost_usd FROM conversation.decision_events WHERE id = '"
                    + third.path("decision_id").asText() + "'")) {
                assertTrue(row.next(), "the decision row is there");
                assertEquals(0, new java.math.BigDecimal("0.00006").compareTo(row.getBigDecimal(1)), "estimated_cost_usd");
            }
        }
        List<LlmStandIn.Call> calls = Suite.llm().calls();
        assertEquals(1, calls.size());
        LlmStandIn.Call call = calls.get(0);
        assertEquals("Bearer " + LLM_KEY, call.authorization(), "the provider gets the tenant's own key and no other");
        List<String> told = call.messages();
        assertEquals("user: Could you also remind me what I asked you before?", told.get(told.size() - 1));
        assertTrue(told.get(0).startsWith("system: ") && told.get(0).contains("What this customer told us before:")
                && told.get(0).contains("4471"), "the system message carries the recalled memories: " + told.get(0));

        // 4. The same, streamed: the LLM's words as token events, then the turn.
        Suite.llm().clear();
        HttpResponse<String> streamed = turnStreamed(token, session, "And when do you close today?");
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertTrue(streamed.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> tokens = new ArrayList<>();
        JsonNode last = null;
        String event = null;
        for (String line : streamed.body().split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring(5).trim());
                if ("token".equals(event)) {
                    tokens.add(data.path("content").asText());
                } else if ("turn".equals(event)) {
                    last = data;
                }
            }
        }
        assertTrue(tokens.size() > 1, "the answer arrived in pieces: " + streamed.body());
        assertTrue(last != null && LlmStandIn.ANSWER.equals(last.path("response").asText()), streamed.body());
        assertTrue(Suite.llm().calls().get(0).streamed(), "config-service asked the provider to stream");

        // 5. A retried Idempotency-Key gets the first answer, and the turn is taken once.
        String key = UUID.randomUUID().toString();
        HttpResponse<String> once = turnResponse(token, session, "Is it insured?", key);
        long version = ok(get(conversation("/v1/sessions/" + session), token)).path("version").asLong();
        HttpResponse<String> again = turnResponse(token, session, "Is it insured?", key);
        assertEquals(200, again.statusCode());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(JSON.readTree(once.body()).path("decision_id"), JSON.readTree(again.body()).path("decision_id"));
        assertEquals(version, ok(get(conversation("/v1/sessions/" + session), token)).path("version").asLong());

        // 6. Another tenant's token: 404 on the session's turns, and nothing changes.
        Clients.TenantToken other = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        assertEquals(404, turnResponse(other.token(), session, "Where is my order?", null).statusCode());
        assertEquals(404, get(conversation("/v1/sessions/" + session), other.token()).statusCode());
        assertEquals(version, ok(get(conversation("/v1/sessions/" + session), token)).path("version").asLong());
    }

    @Test
    @Order(2)
    void aDeployedMigrationPlanMovesALiveSessionAtItsNextTurn() throws Exception {
        String token = tenant.token();
        Clients.TenantToken own = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        String t = own.token();
        UUID shop = UUID.fromString(ok(post(config("/v1/agents"), t, Map.of("name", "Shop", "slug", "shop"))).path("id").asText());
        ok(post(config("/v1/agents/" + shop + "/variables"), t, Map.of("name", "order_number", "update_policy", "replace")));
        UUID flow = UUID.fromString(ok(post(config("/v1/agents/" + shop + "/scenarios"), t, Map.of("name", "Order status",
                "entry_condition", "the customer asks where their order is", "steps", steps("ask_order")))).path("id").asText());
        UUID session = openSession(t, shop, "migrating-" + UUID.randomUUID());
        JsonNode entered = ok(turn(t, session, "Where is my order? I ordered it last week.", null));
        assertEquals("ask_order", entered.path("current_step_id").asText(), entered.toString());
        assertEquals(1, entered.path("decision").path("scenario_step").path("version").asInt(1));

        // Version 2 renames the first step; a plan maps the old step to it, approved and deployed.
        JsonNode v2 = ok(patch(config("/v1/scenarios/" + flow), t, Map.of("steps", steps("get_order_number"))));
        assertEquals(2, v2.path("version").asInt(), v2.toString());
        JsonNode plan = ok(post(config("/v1/scenarios/" + flow + "/migration-plans"), t, Map.of("from_version", 1, "to_version", 2,
                "transformation_map", Map.of("ask_order", Map.of("action", "map", "to_step", "get_order_number"), "confirm",
                        Map.of("action", "map", "to_step", "confirm")))));
        String planId = plan.path("id").asText();
        ok(post(config("/v1/migration-plans/" + planId + "/approve"), t, Map.of()));
        ok(post(config("/v1/migration-plans/" + planId + "/deploy"), t, Map.of()));

        JsonNode moved = ok(turn(t, session, "Sorry, I was away for a moment.", null));
        assertEquals("get_order_number", moved.path("current_step_id").asText(), moved.toString());
        JsonNode migration = moved.path("decision").path("migration");
        assertEquals(1, migration.path("from_version").asInt(), moved.toString());
        assertEquals(2, migration.path("to_version").asInt());
        assertEquals("ask_order", migration.path("from_step").asText());
        JsonNode read = ok(get(conversation("/v1/sessions/" + session), t));
        assertEquals(2, read.path("active_scenario_version").asInt(), read.toString());
        List<String> history = new ArrayList<>();
        read.path("step_history").forEach(h -> history.add(h.path("step_id").asText()));
        assertTrue(history.contains("ask_order") && history.contains("get_order_number"), read.toString());

        // A session of the first tenant on its own scenario is untouched by this tenant's plan.
        assertNotEquals(own.tenantId(), tenant.tenantId());
        UUID untouched = openSession(token, "not-migrated-" + UUID.randomUUID());
        JsonNode stays = ok(turn(token, untouched, "Where is my order? I ordered it last week.", null));
        assertTrue(stays.path("decision").path("migration").isMissingNode() || stays.path("decision").path("migration").isNull(),
                stays.toString());
    }

    /**
     * Last: fifty turns at once overload two cores, so the turn's calls time out and open the
     * circuit breakers of the services they wait on (as they should); it ends by waiting for the
     * suite to answer whole turns again, for the test classes after it.
     */
    @Test
    @Order(3)
    void fiftyConcurrentTurnsEachAppendingOneValueKeepAllFifty() throws Exception {
        String token = tenant.token();
        UUID session = openSession(token, "fifty-" + UUID.randomUUID());
        // One turn first, so that conversation-service holds the agent's runtime config: fifty turns
        // at once on two cores run past the turn's deadline, and a turn whose config read the
        // deadline skips uses the copy kept from an earlier turn.
        ok(turn(token, session, "please write to first@example.com", null));
        int turns = 50;
        ExecutorService pool = Executors.newFixedThreadPool(turns);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                String message = "please write to customer" + i + "@example.com";
                answers.add(pool.submit(() -> turnResponse(token, session, message, null)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertEquals(200, answer.get().statusCode(), answer.get().body());
            }
        } finally {
            pool.shutdown();
        }
        JsonNode read = ok(get(conversation("/v1/sessions/" + session), token));
        assertEquals(2 + turns, read.path("version").asInt(), "every turn moved the session once");
        Set<String> emails = new HashSet<>();
        read.path("variables").path("email").forEach(e -> emails.add(e.asText()));
        assertEquals(turns + 1, read.path("variables").path("email").size(), "one value per turn, none twice: " + read);
        Set<String> expected = new HashSet<>(Set.of("first@example.com"));
        for (int i = 0; i < turns; i++) {
            expected.add("customer" + i + "@example.com");
        }
        assertEquals(expected, emails);
        warmUp(token);
    }

    // --- set-up ------------------------------------------------------------------------------------

    private static void configureLlm(String token) throws Exception {
        JsonNode model = ok(post(config("/v1/llm-models"), Clients.platformToken(), Map.of("provider", "openai", "model_name",
                "stand-in-" + UUID.randomUUID().toString().substring(0, 8), "context_window", 128000,
                "cost_per_1k_input_tokens", 0.001, "cost_per_1k_output_tokens", 0.002)));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(config("/v1/llm-config"))).PUT(body(Map.of("llm_model_id",
                model.path("id").asText(), "api_key", LLM_KEY))), token);
        assertEquals(200, put.statusCode(), put.body());
    }

    private static UUID openSession(String token, String user) throws Exception {
        return openSession(token, agent, user);
    }

    private static UUID openSession(String token, UUID agentId, String user) throws Exception {
        return UUID.fromString(ok(post(conversation("/v1/sessions"), token, Map.of("agent_id", agentId.toString(), "channel", "web",
                "user_channel_id", user))).path("session_id").asText());
    }

    private static void waitForEpisodes(String token, UUID customer, int atLeast) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode page = ok(get(Suite.memoryUri() + "/v1/episodes?customer_profile_id=" + customer + "&limit=10", token));
            if (page.path("items").size() >= atLeast) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the turns never reached memory-service as episodes");
    }

    // --- HTTP -----------------------------------------------------------------------------------------

    private static HttpResponse<String> turn(String token, UUID session, String message, String idempotencyKey) throws Exception {
        return turnResponse(token, session, message, idempotencyKey);
    }

    private static HttpResponse<String> turnResponse(String token, UUID session, String message, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(conversation("/v1/sessions/" + session + "/turns")))
                .POST(body(Map.of("message", message)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, token);
    }

    private static HttpResponse<String> turnStreamed(String token, UUID session, String message) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(conversation("/v1/sessions/" + session + "/turns")))
                .header("Accept", "text/event-stream").POST(body(Map.of("message", message))), token);
    }

    private static HttpResponse<String> post(String url, String token, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(body(body)), token);
    }

    private static HttpResponse<String> patch(String url, String token, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).method("PATCH", body(body)), token);
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        request.header("Authorization", "Bearer " + token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher body(Object body) throws Exception {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : body));
    }

    /** The body of a 2xx answer, as JSON; anything else fails the test with the answer. */
    private static JsonNode ok(HttpResponse<String> answer) throws Exception {
        assertTrue(answer.statusCode() / 100 == 2, answer.request().method() + " " + answer.uri() + " answered " + answer.statusCode()
                + ": " + answer.body());
        assertFalse(answer.body() == null);
        return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    private static String config(String path) {
        return Suite.configUri() + path;
    }

    private static String conversation(String path) {
        return Suite.conversationUri() + path;
    }
}
