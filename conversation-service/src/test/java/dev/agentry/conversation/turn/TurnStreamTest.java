package dev.agentry.conversation.turn;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static dev.agentry.conversation.ConversationTestSupport.scalar;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed turns ({@code Accept: text/event-stream}) against the stand-ins, whose config-service
 * streams the LLM's answer in three pieces: the pieces arrive as token events in order, then the
 * turn's summary; an answer that is not the LLM's comes as one token event; a client that leaves
 * after the first token leaves the turn whole and stored; the session is checked before the stream
 * (another tenant: 404, nothing changed).
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TurnStreamTest extends TwoTenantTest {

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

    private static String turn(UUID session) {
        return "/v1/sessions/" + session + "/turns";
    }

    /** An event: its name and JSON data. */
    record Event(String name, JsonObject data) {
    }

    static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        String name = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                events.add(new Event(name, new JsonObject(line.substring("data:".length()).strip())));
            }
        }
        return events;
    }

    @Test
    void theLlmsWordsArriveAsTheyComeThenTheTurnsSummary() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        StandInServices.MODES.put("config", StandInServices.Mode.DOWN); // no rule answers: the LLM does
        StandInServices.LLM_CONFIGURED.set(true);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "streamed"));

        String body = as(runtime).accept("text/event-stream").body(Map.of("message", "How do I reset my password?"))
                .post(turn(session)).then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        List<Event> events = events(body);
        assertEquals(List.of("token", "token", "token", "turn"), events.stream().map(Event::name).toList());
        assertEquals(StandInServices.LLM_PIECES, events.subList(0, 3).stream().map(e -> e.data().getString("content")).toList());
        JsonObject summary = events.get(3).data();
        assertEquals(StandInServices.LLM_ANSWER, summary.getString("response"));
        assertEquals("llm", summary.getString("response_source"));
        assertEquals(2, summary.getInteger("session_version"));
        assertEquals("stand-in-model", summary.getJsonObject("decision").getJsonObject("llm").getString("model"));
        assertEquals(30, summary.getJsonObject("decision").getJsonObject("llm").getInteger("output_tokens"));
        assertNotNull(summary.getString("decision_id"));

        // config-service was asked for the stream, with the caller's token; the whole answer was stored.
        Map<String, Object> llm = StandInServices.CALLS.stream().filter(c -> "llm".equals(c.get("service"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(llm.get("accept")).contains("text/event-stream"));
        assertEquals("Bearer " + runtime, llm.get("authorization"));
        assertEquals(1, scalar(tenantA, "SELECT count(*) FROM conversation.messages WHERE session_id = '" + session
                + "' AND role = 'assistant' AND content = '" + StandInServices.LLM_ANSWER + "'"));
    }

    @Test
    void aRulesAnswerComesAsOneTokenEvent() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "streamed-rule"));
        List<Event> events = events(as(runtime).accept("text/event-stream").body(Map.of("message", "refund please"))
                .post(turn(session)).then().statusCode(200).extract().asString());
        assertEquals(List.of("token", "turn"), events.stream().map(Event::name).toList());
        assertEquals(StandInServices.RULE_RESPONSE, events.get(0).data().getString("content"));
        assertEquals("rule", events.get(1).data().getString("response_source"));
        assertEquals(StandInServices.RULE_RESPONSE, events.get(1).data().getString("response"));

        // By channel identity too.
        List<Event> channel = events(as(runtime).accept("text/event-stream").body(Map.of("agent_id", UUID.randomUUID().toString(),
                "channel", "web", "user_channel_id", "streamed-channel", "message", "refund please")).post("/v1/turns").then()
                .statusCode(200).extract().asString());
        assertEquals("turn", channel.get(channel.size() - 1).name());
        assertEquals("rule", channel.get(channel.size() - 1).data().getString("response_source"));
    }

    @Test
    void aClientThatLeavesMidStreamLeavesTheTurnWholeAndStored() throws Exception {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        StandInServices.MODES.put("config", StandInServices.Mode.DOWN);
        StandInServices.LLM_CONFIGURED.set(true);
        StandInServices.PIECE_GAP_MS.set(400);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "leaves"));

        String json = new JsonObject().put("message", "How do I reset my password?").encode();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + turn(session) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + runtime
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
                    + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean sawToken = false;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event:token")) {
                    sawToken = true;
                    break;
                }
            }
            assertTrue(sawToken, "the first token arrived before the client left");
        } // the client leaves with two pieces still to come

        // The turn went on: both messages, the whole answer, one decision, the session moved once.
        long deadline = System.currentTimeMillis() + 10_000;
        while (scalar(tenantA, "SELECT count(*) FROM conversation.decision_events WHERE session_id = '" + session + "'") == 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(2, scalar(tenantA, "SELECT count(*) FROM conversation.messages WHERE session_id = '" + session + "'"));
        assertEquals(1, scalar(tenantA, "SELECT count(*) FROM conversation.messages WHERE session_id = '" + session
                + "' AND role = 'assistant' AND content = '" + StandInServices.LLM_ANSWER + "'"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void aRetriedStreamedTurnWithTheSameKeyIsNotTakenTwice() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "streamed-twice"));
        String key = UUID.randomUUID().toString();
        String first = as(runtime).accept("text/event-stream").header("Idempotency-Key", key).body(Map.of("message", "refund please"))
                .post(turn(session)).then().statusCode(200).extract().asString();
        String decisionId = events(first).get(1).data().getString("decision_id");
        // The retry gets the first turn's answer (as JSON, marked replayed), and no second turn is taken.
        as(runtime).accept("text/event-stream").header("Idempotency-Key", key).body(Map.of("message", "refund please"))
                .post(turn(session)).then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("decision_id", equalTo(decisionId)).body("session_version", equalTo(2));
        assertEquals(2, scalar(tenantA, "SELECT count(*) FROM conversation.messages WHERE session_id = '" + session + "'"));
    }

    @Test
    void anotherTenantsSessionIs404BeforeTheStreamAndNothingChanges() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "not-yours"));
        as(tokenB(Roles.AGENT_RUNTIME)).accept("text/event-stream").body(Map.of("message", "refund please")).post(turn(session))
                .then().statusCode(404).contentType("application/problem+json");
        as(runtime).accept("text/event-stream").body(Map.of("message", "")).post(turn(session)).then().statusCode(400);
        assertEquals(0, scalar(tenantA, "SELECT count(*) FROM conversation.messages WHERE session_id = '" + session + "'"));
        assertFalse(StandInServices.CALLS.stream().anyMatch(c -> "profile".equals(c.get("service"))), "no turn was started");
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200).body("version", equalTo(1));
    }
}
