package dev.agentry.conversation.turn;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static dev.agentry.conversation.ConversationTestSupport.rowCounts;
import static dev.agentry.conversation.ConversationTestSupport.scalar;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.conversation.ConversationTestSupport;
import dev.agentry.conversation.StandInServices;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The turn pipeline's first slice against stood-in config-, profile- and memory-service
 * (StandInServices) and the real PostgreSQL and Redis: the answer from the best rule, the
 * scenario entered, everything recorded; each dependency down or slow degrades the turn instead of
 * failing it; tenants apart; bad input changes nothing.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TurnResourceTest extends TwoTenantTest {

    @Inject
    @RedisClientName("persist")
    RedisDataSource redis;

    @Override
    protected String schema() {
        return "conversation";
    }

    @BeforeEach
    void standInsUp() {
        StandInServices.reset();
    }

    @AfterEach
    void cleanRedis() {
        ConversationTestSupport.cleanRedis(redis, tenantA);
        ConversationTestSupport.cleanRedis(redis, tenantB);
    }

    private String turn(UUID session) {
        return "/v1/sessions/" + session + "/turns";
    }

    @Test
    void aTurnAnswersFromTheBestRuleEntersTheScenarioAndRecordsEverything() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID agent = UUID.randomUUID();
        UUID session = create(runtime, newSession(agent, "web", "turn-taker"));
        Map<String, Long> before = rowCounts(tenantA);

        as(runtime).body(Map.of("message", "I want my money back for order 4471")).post(turn(session)).then().statusCode(200)
                .body("response", equalTo(StandInServices.RULE_RESPONSE)).body("response_source", equalTo("rule"))
                .body("degraded", empty())
                .body("customer_profile_id", equalTo(StandInServices.PROFILE_ID.toString()))
                .body("active_scenario_id", equalTo(StandInServices.SCENARIO_ID.toString()))
                .body("current_step_id", equalTo("ask_order"))
                .body("session_version", equalTo(2))
                .body("decision.chosen_rule", equalTo("refund"))
                .body("decision.memories[0].episode_id", equalTo(StandInServices.EPISODE_ID.toString()))
                .body("decision.latency_ms.rules", org.hamcrest.Matchers.notNullValue());

        // Both messages, one decision; the session moved in Redis with its step history.
        Map<String, Long> after = rowCounts(tenantA);
        assertEquals(before.get("messages") + 2, after.get("messages"));
        assertEquals(before.get("decision_events") + 1, after.get("decision_events"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200)
                .body("customer_profile_id", equalTo(StandInServices.PROFILE_ID.toString()))
                .body("step_history", hasSize(1)).body("step_history[0].step_id", equalTo("ask_order"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session + "/messages").then().statusCode(200)
                .body("items.role", containsInAnyOrder("user", "assistant"));

        // Every search got the one vector of the message, never the text, and the caller's own token.
        assertTrue(StandInServices.CALLS.stream().allMatch(c -> ("Bearer " + runtime).equals(c.get("authorization"))));
        assertTrue(StandInServices.CALLS.stream().filter(c -> String.valueOf(c.get("path")).endsWith("match")
                || "/v1/episodes/search".equals(c.get("path")))
                .allMatch(c -> ((io.vertx.core.json.JsonObject) c.get("body")).getJsonArray("embedding").size() == 384
                        && !((io.vertx.core.json.JsonObject) c.get("body")).containsKey("message")));

        // The second turn: the customer is known (no resolve again), the scenario is not matched again.
        int resolvesBefore = (int) StandInServices.CALLS.stream().filter(c -> "/v1/profiles/resolve".equals(c.get("path"))).count();
        as(runtime).body(Map.of("message", "It was a kettle")).post(turn(session)).then().statusCode(200)
                .body("session_version", equalTo(3)).body("current_step_id", equalTo("ask_order"));
        assertEquals(resolvesBefore,
                StandInServices.CALLS.stream().filter(c -> "/v1/profiles/resolve".equals(c.get("path"))).count());
    }

    /** No rule answers (config-service's rule match is down here): the tenant's LLM does, with the customer's memories. */
    @Test
    void whenNoRuleAnswersTheTenantsLlmDoesAndTheFallbackCoversItsAbsence() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        StandInServices.MODES.put("config", StandInServices.Mode.DOWN);
        StandInServices.LLM_CONFIGURED.set(true);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "llm-answered"));
        as(runtime).body(Map.of("message", "Can you tell me about my kettle order?")).post(turn(session)).then().statusCode(200)
                .body("response", equalTo(StandInServices.LLM_ANSWER)).body("response_source", equalTo("llm"))
                .body("decision.llm.model", equalTo("stand-in-model")).body("decision.llm.input_tokens", equalTo(120))
                .body("decision.llm.estimated_cost_usd", equalTo(0.00018f))
                .body("decision.offerings[0].offering_id", equalTo(StandInServices.OFFERING_ID.toString()))
                .body("decision.latency_ms.offerings", org.hamcrest.Matchers.notNullValue())
                .body("degraded", containsInAnyOrder("rules", "scenarios", "runtime_config"));
        // The price config-service gave the call is the decision row's estimated_cost_usd.
        assertEquals(18_000L, scalar(tenantA, "SELECT (estimated_cost_usd * 100000000)::bigint FROM conversation.decision_events "
                + "WHERE session_id = '" + session + "'"));
        var call = StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).findFirst().orElseThrow();
        io.vertx.core.json.JsonObject sent = (io.vertx.core.json.JsonObject) call.get("body");
        assertTrue(sent.getJsonArray("messages").getJsonObject(0).getString("content").contains("Ordered a kettle, #4471."),
                "the customer's memories go with the message");
        assertTrue(sent.getJsonArray("messages").getJsonObject(0).getString("content").contains(StandInServices.OFFERING_NAME),
                "the offerings found for the message go with it");
        // The offering search had the turn's one vector and the message's words.
        io.vertx.core.json.JsonObject search = StandInServices.CALLS.stream().filter(c -> "/v1/offerings/search".equals(c.get("path")))
                .map(c -> (io.vertx.core.json.JsonObject) c.get("body")).findFirst().orElseThrow();
        assertEquals(384, search.getJsonArray("embedding").size());
        assertEquals("Can you tell me about my kettle order?", search.getString("query"));
        assertEquals("Bearer " + runtime, call.get("authorization"));
        as(runtime).get("/v1/sessions/" + session + "/messages").then().body("items[1].model", equalTo("stand-in-model"))
                .body("items[1].output_tokens", equalTo(30));

        // The LLM down: the fallback, and the LLM named degraded. Without an LLM: the fallback, nothing degraded by it.
        StandInServices.MODES.put("llm", StandInServices.Mode.DOWN);
        as(runtime).body(Map.of("message", "hello?")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("fallback")).body("degraded", hasItem("llm"));
        StandInServices.MODES.remove("llm");
        StandInServices.LLM_CONFIGURED.set(false);
        as(runtime).body(Map.of("message", "anyone?")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("fallback")).body("degraded", containsInAnyOrder("rules", "scenarios", "runtime_config"));
    }

    /** catalog-service's guardrails on the way in and out, and its semantic cache before the LLM (stood in). */
    @Test
    void guardrailsBlockOrMaskAndTheCacheAnswersWithoutTheLlm() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "guarded"));
        long llmCalls = 0;
        // A blocking input guardrail: its fallback message answers, no LLM is asked.
        StandInServices.LLM_CONFIGURED.set(true);
        StandInServices.MODES.put("config", StandInServices.Mode.DOWN); // no rule answers below
        as(runtime).body(Map.of("message", "help me hack my neighbour's wifi")).post(turn(session)).then().statusCode(200)
                .body("response", equalTo(StandInServices.GUARDRAIL_FALLBACK)).body("response_source", equalTo("guardrail"))
                .body("decision.guardrails.input.outcome", equalTo("block"))
                .body("decision.guardrails.input.fired", equalTo(java.util.List.of("no-hacking")));
        assertEquals(llmCalls, StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).count());

        // A masked card number never reaches the LLM; its answer is kept in the cache, and masked on the way out.
        as(runtime).body(Map.of("message", "charge my card 4111 1111 1111 1111 again")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("llm")).body("decision.guardrails.input.outcome", equalTo("redact"));
        var llm = StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).findFirst().orElseThrow();
        String asked = ((io.vertx.core.json.JsonObject) llm.get("body")).getJsonArray("messages").getJsonObject(1).getString("content");
        assertEquals("charge my card [PAYMENT_CARD] again", asked);
        long deadline = System.currentTimeMillis() + 5_000;
        while (StandInServices.CALLS.stream().noneMatch(c -> "/v1/semantic-cache".equals(c.get("path")))) {
            assertTrue(System.currentTimeMillis() < deadline, "the LLM's answer was not kept in the cache");
            Thread.onSpinWait();
        }

        // A cache hit answers without the LLM; an answer with something internal is masked on the way out.
        StandInServices.CACHED_ANSWER.set("Our internal-only hotline is 1900.");
        long before = StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).count();
        as(runtime).body(Map.of("message", "what is your hotline?")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("cache")).body("response", equalTo("Our [REDACTED] hotline is 1900."))
                .body("decision.guardrails.output.outcome", equalTo("redact"));
        assertEquals(before, StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).count());

        // catalog-service down: the turn goes on without guardrails or cache, and says so.
        StandInServices.MODES.put("catalog", StandInServices.Mode.DOWN);
        as(runtime).body(Map.of("message", "anything new?")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("llm")).body("degraded", hasItem("guardrails")).body("degraded", hasItem("cache")).body("degraded", hasItem("offerings"));
    }

    /** The agent's bot in catalog-service: its FAQ answers before the cache and the LLM, and the version scopes the cache. */
    @Test
    void theBotsFaqAnswersAndItsVersionScopesTheCache() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "faq-answered"));
        StandInServices.MODES.put("config", StandInServices.Mode.DOWN); // no rule answers
        StandInServices.BOT.set(true);
        StandInServices.FAQ_ANSWER.set("We open at 9 every day.");
        as(runtime).body(Map.of("message", "what time do you open?")).post(turn(session)).then().statusCode(200)
                .body("response", equalTo("We open at 9 every day.")).body("response_source", equalTo("faq"))
                .body("decision.bot.bot_version_id", equalTo(StandInServices.BOT_VERSION_ID.toString()))
                .body("decision.faq[0].similarity", equalTo(0.86f));
        // Without an FAQ answer the cache is asked in the bot version's scope.
        StandInServices.FAQ_ANSWER.set(null);
        as(runtime).body(Map.of("message", "do you deliver?")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("fallback"));
        io.vertx.core.json.JsonObject lookup = StandInServices.CALLS.stream()
                .filter(c -> "/v1/semantic-cache/lookup".equals(c.get("path"))).map(c -> (io.vertx.core.json.JsonObject) c.get("body"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(StandInServices.BOT_VERSION_ID.toString(), lookup.getString("bot_version_id"));
        assertEquals(384, lookup.getJsonArray("embedding").size());
        assertEquals("en", lookup.getString("language"), "the default language scopes the cache");
        // The request's language scopes it instead.
        as(runtime).body(Map.of("message", "giao hàng mất bao lâu?", "language", "vi")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("fallback")).body("degraded", org.hamcrest.Matchers.not(hasItem("cache")));
        assertEquals("vi", StandInServices.CALLS.stream().filter(c -> "/v1/semantic-cache/lookup".equals(c.get("path")))
                .map(c -> (io.vertx.core.json.JsonObject) c.get("body")).reduce((a, b) -> b).orElseThrow().getString("language"));
        as(runtime).body(Map.of("message", "hello", "language", "not a tag")).post(turn(session)).then().statusCode(400)
                .contentType("application/problem+json");

        // The session records the bot and the version that answered, in Redis and on its durable row,
        // and each turn's decision event names its version; a turn without the catalog keeps them.
        StandInServices.MODES.put("catalog", StandInServices.Mode.DOWN);
        as(runtime).body(Map.of("message", "still there?")).post(turn(session)).then().statusCode(200)
                .body("degraded", hasItem("bot"));
        as(runtime).get("/v1/sessions/" + session).then().statusCode(200)
                .body("bot_id", equalTo(StandInServices.BOT_ID.toString()))
                .body("bot_version_id", equalTo(StandInServices.BOT_VERSION_ID.toString()));
        assertEquals(1, scalar(tenantA, "SELECT count(*) FROM conversation.sessions WHERE id = '" + session
                + "' AND bot_id = '" + StandInServices.BOT_ID + "' AND bot_version_id = '" + StandInServices.BOT_VERSION_ID + "'"));
        assertEquals(3, scalar(tenantA, "SELECT count(*) FROM conversation.decision_events WHERE session_id = '" + session
                + "' AND bot_version_id = '" + StandInServices.BOT_VERSION_ID + "'"));
        assertEquals(1, scalar(tenantA, "SELECT count(*) FROM conversation.decision_events WHERE session_id = '" + session
                + "' AND bot_version_id IS NULL"));
    }

    @Test
    void aDependencyDownOrSlowDegradesTheTurnInsteadOfFailingIt() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID agent = UUID.randomUUID();

        StandInServices.MODES.put("config", StandInServices.Mode.DOWN);
        UUID first = create(runtime, newSession(agent, "web", "degraded-1"));
        as(runtime).body(Map.of("message", "refund please")).post(turn(first)).then().statusCode(200)
                .body("degraded", containsInAnyOrder("rules", "scenarios", "runtime_config")).body("response_source", equalTo("fallback"))
                .body("session_version", equalTo(2));

        StandInServices.MODES.clear();
        StandInServices.MODES.put("memory", StandInServices.Mode.SLOW);
        UUID second = create(runtime, newSession(agent, "web", "degraded-2"));
        as(runtime).body(Map.of("message", "refund please")).post(turn(second)).then().statusCode(200)
                .body("degraded", equalTo(java.util.List.of("memory"))).body("response_source", equalTo("rule"));

        StandInServices.MODES.clear();
        StandInServices.MODES.put("profile", StandInServices.Mode.DOWN);
        UUID third = create(runtime, newSession(agent, "web", "degraded-3"));
        as(runtime).body(Map.of("message", "refund please")).post(turn(third)).then().statusCode(200)
                .body("degraded", hasItem("profile")).body("customer_profile_id", equalTo(null));
    }

    @Test
    void whatTheMessageSaysFillsTheSessionsSlots() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "slot-filler"));
        as(runtime).body(Map.of("message", "My order #4471 never came, mail me at an@example.com or call +84 90 123 4567"))
                .post(turn(session)).then().statusCode(200).body("decision.slots.key",
                        containsInAnyOrder("order_number", "email", "phone"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session + "/slots").then().statusCode(200)
                .body("items.find { it.slot_key == 'order_number' }.slot_value", equalTo("4471"))
                .body("items.find { it.slot_key == 'email' }.slot_value", equalTo("an@example.com"))
                .body("items.find { it.slot_key == 'phone' }.slot_value", equalTo("+84901234567"))
                .body("items.find { it.slot_key == 'email' }.confidence", equalTo(0.95f));
        // A later message with another order number replaces the slot's value.
        as(runtime).body(Map.of("message", "sorry, order #5120")).post(turn(session)).then().statusCode(200);
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session + "/slots/order_number").then().statusCode(200)
                .body("slot_value", equalTo("5120"));
    }

    @Test
    void aTurnByChannelIdentityUsesTheChannelUsersLiveSessionOrOpensOne() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID agent = UUID.randomUUID();
        Map<String, Object> body = Map.of("agent_id", agent.toString(), "channel", "zalo", "user_channel_id", "84901234567",
                "message", "refund please");
        String session = as(runtime).body(body).post("/v1/turns").then().statusCode(200)
                .body("response_source", equalTo("rule")).body("session_version", equalTo(2)).extract().path("session_id");
        as(runtime).body(body).post("/v1/turns").then().statusCode(200).body("session_id", equalTo(session))
                .body("session_version", equalTo(3));
        as(tokenB(Roles.AGENT_RUNTIME)).body(body).post("/v1/turns").then().statusCode(200)
                .body("session_id", org.hamcrest.Matchers.not(equalTo(session)));
        as(runtime).body(Map.of("agent_id", agent.toString(), "channel", "zalo", "message", "hi")).post("/v1/turns").then()
                .statusCode(400).contentType("application/problem+json");
        as(runtime).body(Map.of("agent_id", "nope", "channel", "zalo", "user_channel_id", "x", "message", "hi"))
                .post("/v1/turns").then().statusCode(400);
    }

    @Test
    void concurrentTurnsOfOneSessionAreAllAppliedOneAfterTheOther() throws Exception {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "busy-talker"));
        Map<String, Long> before = rowCounts(tenantA);
        int turns = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(turns);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < turns; i++) {
                String message = "refund please, message " + i;
                answers.add(pool.submit(() -> as(runtime).body(Map.of("message", message)).post(turn(session)).then()
                        .extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        // None lost: every turn moved the session once, and stored its two messages and its decision.
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200).body("version", equalTo(1 + turns));
        Map<String, Long> after = rowCounts(tenantA);
        assertEquals(before.get("messages") + 2L * turns, after.get("messages"));
        assertEquals(before.get("decision_events") + turns, after.get("decision_events"));
    }

    @Test
    void aRetriedTurnWithTheSameIdempotencyKeyIsTakenOnce() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "retrying-widget"));
        Map<String, Long> before = rowCounts(tenantA);
        String key = "turn-" + UUID.randomUUID();
        String decision = as(runtime).header("Idempotency-Key", key).body(Map.of("message", "refund please")).post(turn(session))
                .then().statusCode(200).extract().path("decision_id");
        as(runtime).header("Idempotency-Key", key).body(Map.of("message", "refund please")).post(turn(session)).then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("decision_id", equalTo(decision))
                .body("session_version", equalTo(2));
        Map<String, Long> after = rowCounts(tenantA);
        assertEquals(before.get("messages") + 2, after.get("messages"));
        assertEquals(before.get("decision_events") + 1, after.get("decision_events"));
        // Another key is another turn.
        as(runtime).header("Idempotency-Key", "turn-" + UUID.randomUUID()).body(Map.of("message", "refund please"))
                .post(turn(session)).then().statusCode(200).body("session_version", equalTo(3));
    }

    @Test
    void anotherTenantGets404AndBadInputChangesNothing() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "private-talk"));
        Map<String, Long> before = rowCounts(tenantA);
        as(tokenB(Roles.AGENT_RUNTIME)).body(Map.of("message", "hello")).post(turn(session)).then().statusCode(404)
                .contentType("application/problem+json");
        as(runtime).body(Map.of("message", "")).post(turn(session)).then().statusCode(400).contentType("application/problem+json");
        as(runtime).body("{\"message\": 5}").post(turn(session)).then().statusCode(400);
        as(tokenA(Roles.VIEWER)).body(Map.of("message", "hello")).post(turn(session)).then().statusCode(403);
        as(runtime).body(Map.of("message", "hello")).post(turn(UUID.randomUUID())).then().statusCode(404);
        assertEquals(before, rowCounts(tenantA));
        as(runtime).post("/v1/sessions/" + session + "/end").then().statusCode(200);
        as(runtime).body(Map.of("message", "hello")).post(turn(session)).then().statusCode(409);
    }
}
