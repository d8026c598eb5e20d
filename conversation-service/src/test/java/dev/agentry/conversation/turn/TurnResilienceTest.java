package dev.agentry.conversation.turn;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static dev.agentry.conversation.ConversationTestSupport.scalar;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.conversation.ConversationTestSupport;
import dev.agentry.conversation.StandInServices;
import dev.agentry.conversation.StandInServices.Mode;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Degrade, never fail: a dependency that keeps failing opens its circuit breaker, and the next turns
 * do not call it at all (the stand-in counts its requests) yet answer 200 naming it; after the
 * breaker's delay it is tried again and the turn recovers; a turn whose dependencies are all slow
 * still answers by its deadline. No session update is lost on the way. The stand-ins:
 * call-timeout 0.5 s, a slow answer after 2 s, breaker delay 3 s, the default window (10 calls,
 * half failed) and deadline (2 s).
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TurnResilienceTest extends TwoTenantTest {

    @Inject
    @RedisClientName("persist")
    RedisDataSource redis;

    @Inject
    dev.agentry.common.audit.AuditPublisher audit;

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
        StandInServices.reset();
        ConversationTestSupport.cleanRedis(redis, tenantA);
    }

    private static String turn(UUID session) {
        return "/v1/sessions/" + session + "/turns";
    }

    @Test
    void aFailingDependencyOpensItsBreakerIsSkippedThenTriedAgainAfterTheDelay() throws Exception {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "breaker"));
        StandInServices.MODES.put("config", Mode.DOWN);

        // Five turns, two failed config-service calls each (rules, scenarios): a full window, all failed.
        for (int i = 0; i < 5; i++) {
            as(runtime).body(Map.of("message", "refund please")).post(turn(session)).then().statusCode(200)
                    .body("degraded", hasItems("rules", "scenarios")).body("response_source", equalTo("fallback"));
        }
        assertEquals(10, StandInServices.callsTo("config"));

        // Open: the next turns do not call config-service at all, and still answer, naming it.
        long memoryBefore = StandInServices.callsTo("memory");
        for (int i = 0; i < 3; i++) {
            as(runtime).body(Map.of("message", "refund please")).post(turn(session)).then().statusCode(200)
                    .body("degraded", hasItems("rules", "scenarios", "config"))
                    .body("decision.circuit_open", equalTo(List.of("config")))
                    .body("response_source", equalTo("fallback"));
        }
        assertEquals(10, StandInServices.callsTo("config"), "an open breaker makes no call");
        assertTrue(StandInServices.callsTo("memory") >= memoryBefore + 3, "the other dependencies are still asked");

        // Back up, but the breaker stays open until its delay has passed; then, half-open, it lets one trial call
        // through (the rule match answers; the scenario match beside it may still be skipped), which closes it.
        StandInServices.MODES.clear();
        Thread.sleep(3_500);
        as(runtime).body(Map.of("message", "refund please")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("rule")).body("response", equalTo(StandInServices.RULE_RESPONSE));
        assertTrue(StandInServices.callsTo("config") > 10, "tried again after the delay");
        as(runtime).body(Map.of("message", "refund please")).post(turn(session)).then().statusCode(200)
                .body("degraded", empty()).body("response_source", equalTo("rule"));

        // No turn lost: ten turns moved the session ten times, with twenty messages and ten decisions.
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200).body("version", equalTo(11));
        assertEquals(20, scalar(tenantA, "SELECT count(*) FROM conversation.messages WHERE session_id = '" + session + "'"));
        assertEquals(10, scalar(tenantA, "SELECT count(*) FROM conversation.decision_events WHERE session_id = '" + session + "'"));
    }

    @Test
    void eachDependencyHasItsOwnBreaker() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "own-breaker"));
        StandInServices.MODES.put("memory", Mode.DOWN);
        for (int i = 0; i < 11; i++) {
            as(runtime).body(Map.of("message", "refund please")).post(turn(session)).then().statusCode(200)
                    .body("response_source", equalTo("rule"));
        }
        // memory-service's breaker opened (one search a turn); config-service's, answering, did not.
        as(runtime).body(Map.of("message", "refund please")).post(turn(session)).then().statusCode(200)
                .body("decision.circuit_open", equalTo(List.of("memory"))).body("degraded", equalTo(List.of("memory")))
                .body("response", equalTo(StandInServices.RULE_RESPONSE));
    }

    /** One trace per turn: every call to the stand-ins carries the trace id the decision names (W3C traceparent). */
    @Test
    void aTurnsCallsCarryItsTraceContext() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "traced"));
        StandInServices.CALLS.clear();
        String traceId = as(runtime).body(Map.of("message", "refund please")).post(turn(session)).then().statusCode(200)
                .extract().path("decision.trace_id");
        assertTrue(traceId != null && traceId.matches("[0-9a-f]{32}") && !traceId.equals("0".repeat(32)), "a trace id: " + traceId);
        // The episode hand-off is left out: it goes to memory-service after the answer, and in some
        // CI runs it carried a new trace instead of the turn's (known, docs/conversation-service.md
        // "Traces"; likely the web client sending from its connection's context once the turn's
        // scope has closed). A turn of the test before may also hand its own over late.
        List<Map<String, Object>> calls = StandInServices.CALLS.stream().filter(c -> !"webhook".equals(c.get("service")))
                .filter(c -> !"/v1/episodes".equals(c.get("path"))).toList();
        assertTrue(calls.size() >= 4, "the turn's calls: " + calls.size());
        for (Map<String, Object> call : calls) {
            String traceparent = String.valueOf(call.get("traceparent"));
            assertTrue(traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-0[01]"), call.get("path") + " carried " + traceparent + "; decision " + traceId + "; all " + calls.stream().map(c -> c.get("path") + "=" + c.get("traceparent")).toList());
        }
        // The same trace id in the stored decision, and on the turn's audit stream entry (its traceparent and its data).
        assertEquals(1, scalar(tenantA, "SELECT count(*) FROM conversation.decision_events WHERE session_id = '" + session
                + "' AND decision_metadata->>'trace_id' = '" + traceId + "'"));
        Map<String, String> entry = null;
        for (int attempt = 0; attempt < 50 && entry == null; attempt++) {
            entry = redis.stream(String.class).xrevrange(audit.streamKey(), io.quarkus.redis.datasource.stream.StreamRange.of("+", "-"), 200)
                    .stream().map(io.quarkus.redis.datasource.stream.StreamMessage::payload)
                    .filter(fields -> String.valueOf(fields.get("data")).contains(session.toString())).findFirst().orElse(null);
            if (entry == null) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        assertTrue(entry != null, "the turn's audit record is on the stream");
        assertTrue(entry.get("traceparent").startsWith("00-" + traceId + "-"), "the audit entry's traceparent " + entry.get("traceparent"));
        assertTrue(entry.get("data").contains("\"trace_id\":\"" + traceId + "\""), entry.get("data"));
    }

    @Test
    void slowDependenciesCannotPushATurnPastItsDeadline() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "deadline"));
        StandInServices.LLM_CONFIGURED.set(true);
        for (String service : List.of("profile", "config", "memory", "catalog", "llm")) {
            StandInServices.MODES.put(service, Mode.SLOW);
        }
        // Without the deadline: profile 0.5 s, the searches 0.5 s, the cache 0.5 s, the LLM 2 s (its own timeout is 10 s),
        // the output guardrails 0.5 s: 4 s. With it: 2 s of calls, then the turn is stored.
        long started = System.nanoTime();
        Response answer = as(runtime).body(Map.of("message", "Is my kettle on its way?")).post(turn(session));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        answer.then().statusCode(200).body("response_source", equalTo("fallback"))
                .body("degraded", hasItems("profile", "llm")).body("decision.deadline_reached", equalTo(true))
                .body("session_version", equalTo(2));
        assertTrue(tookMs < 3_000, "the turn took " + tookMs + " ms, past its 2 s deadline + 1 s");
        long stored = scalar(tenantA, "SELECT max(latency_ms) FROM conversation.decision_events WHERE session_id = '" + session + "'");
        assertTrue(stored < 3_000, "the decision's latency " + stored + " ms");
        assertTrue(stored >= 1_000, "the slow calls were waited for, as long as their timeouts allowed: " + stored + " ms");
        assertEquals(2, scalar(tenantA, "SELECT count(*) FROM conversation.messages WHERE session_id = '" + session + "'"));
    }
}
