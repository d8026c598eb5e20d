package dev.agentry.conversation.dialogue;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
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
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session walks its scenario's steps turn by turn: entered at the entry step, moved by the first
 * transition whose condition holds, kept when none does, out of the scenario after a final step;
 * each step in the step history and each move in the decision; the step's words answer when nothing
 * else does and its instructions go to the LLM. The version is read once per replica with the
 * caller's token; config-service unable to answer degrades the step, never the turn.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ScenarioStepsTest extends TwoTenantTest {

    private static final String VERSION_PATH = "/v1/scenarios/" + StandInServices.SCENARIO_ID + "/versions/2";

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
        StandInServices.NO_RULES.set(true);
    }

    @AfterEach
    void cleanRedis() {
        ConversationTestSupport.cleanRedis(redis, tenantA);
        ConversationTestSupport.cleanRedis(redis, tenantB);
    }

    private static String turn(UUID session) {
        return "/v1/sessions/" + session + "/turns";
    }

    private static long versionReads() {
        return StandInServices.CALLS.stream().filter(c -> VERSION_PATH.equals(c.get("path"))).count();
    }

    @Test
    void aSessionWalksItsScenarioStepByStepAndLeavesItAfterTheLastStep() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "walker"));

        // Entered at the entry step, which answers (no rule, no LLM).
        as(runtime).body(Map.of("message", "I want my money back")).post(turn(session)).then().statusCode(200)
                .body("response", equalTo(StandInServices.STEP_ASK_ORDER)).body("response_source", equalTo("step"))
                .body("current_step_id", equalTo("ask_order")).body("degraded", empty())
                .body("decision.scenario_step.from", nullValue()).body("decision.scenario_step.to", equalTo("ask_order"))
                .body("decision.scenario_step.why", startsWith("entered"))
                .body("decision.latency_ms.scenario_step", org.hamcrest.Matchers.notNullValue());
        long reads = versionReads();
        assertTrue(reads <= 1, "one read at most (the replica may have it already)");

        // No condition holds: the step stays, and says so again.
        as(runtime).body(Map.of("message", "It was a kettle")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order")).body("response", equalTo(StandInServices.STEP_ASK_ORDER))
                .body("decision.scenario_step", nullValue());

        // The order number fills its slot: the first transition (slot:order_number) is taken.
        as(runtime).body(Map.of("message", "Sure, it is order #4471")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("response", equalTo(StandInServices.STEP_CONFIRM))
                .body("decision.scenario_step.from", equalTo("ask_order")).body("decision.scenario_step.to", equalTo("confirm"))
                .body("decision.scenario_step.why", equalTo("order_number filled"))
                .body("decision.scenario_step.version", equalTo(2))
                .body("decision.scenario_step.scenario_id", equalTo(StandInServices.SCENARIO_ID.toString()));

        // A phrase moves it on to the last step (no response of its own: its instructions answer).
        as(runtime).body(Map.of("message", "Yes, go ahead")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("done")).body("response_source", equalTo("step"))
                .body("response", equalTo(StandInServices.DONE_INSTRUCTIONS))
                .body("decision.scenario_step.why", equalTo("message contains \"yes\""));

        // The turn after a step without transitions leaves the scenario.
        as(runtime).body(Map.of("message", "Thanks a lot")).post(turn(session)).then().statusCode(200)
                .body("active_scenario_id", nullValue()).body("current_step_id", nullValue())
                .body("decision.scenario_step.from", equalTo("done")).body("decision.scenario_step.to", nullValue())
                .body("decision.scenario_step.why", equalTo("the step ends the scenario"))
                .body("decision.scenario_step.scenario_id", equalTo(StandInServices.SCENARIO_ID.toString()));

        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200)
                .body("step_history.step_id", contains("ask_order", "confirm", "done"))
                .body("step_history.scenario_version", contains(2, 2, 2))
                .body("active_scenario_id", nullValue());

        // The written version was read once for all these turns, always with the caller's own token.
        assertEquals(reads, versionReads(), "later turns use the cached version");
        assertTrue(StandInServices.CALLS.stream().filter(c -> String.valueOf(c.get("path")).startsWith("/v1/scenarios/"))
                .allMatch(c -> ("Bearer " + runtime).equals(c.get("authorization"))));
    }

    @Test
    void theStepsInstructionsGoToTheLlm() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "instructed"));
        as(runtime).body(Map.of("message", "I want my money back")).post(turn(session)).then().statusCode(200);
        StandInServices.LLM_CONFIGURED.set(true);
        StandInServices.CALLS.clear();
        as(runtime).body(Map.of("message", "order #9921 please")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("response_source", equalTo("llm"))
                .body("response", equalTo(StandInServices.LLM_ANSWER));
        JsonObject sent = (JsonObject) StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path")))
                .findFirst().orElseThrow().get("body");
        assertTrue(sent.getJsonArray("messages").getJsonObject(0).getString("content").contains(StandInServices.CONFIRM_INSTRUCTIONS),
                "the new step's instructions go to the LLM");
    }

    @Test
    void configServiceUnableToAnswerTheVersionDegradesTheStepNotTheTurn() {
        String runtime = tokenB(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "degraded-walker"));

        // Entering still goes to the matched entry step; its words are unknown, so the fallback answers.
        StandInServices.MODES.put("scenario_versions", StandInServices.Mode.DOWN);
        as(runtime).body(Map.of("message", "I want my money back")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order")).body("response_source", equalTo("fallback"))
                .body("degraded", contains("scenario_step"));
        // In the scenario, slow: the session stays where it is (the order number does not move it).
        StandInServices.MODES.put("scenario_versions", StandInServices.Mode.SLOW);
        as(runtime).body(Map.of("message", "order #4471")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order")).body("degraded", hasItem("scenario_step"))
                .body("decision.scenario_step", nullValue()).body("session_version", equalTo(3));

        // Back up: a failure was not cached, the next turn reads the version and moves.
        StandInServices.MODES.remove("scenario_versions");
        as(runtime).body(Map.of("message", "it is order #4471")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("degraded", empty());
        as(tokenB(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200)
                .body("step_history.step_id", contains("ask_order", "confirm"));

        // Another tenant's token: 404 on the session, and its step unchanged.
        as(tokenA(Roles.AGENT_RUNTIME)).body(Map.of("message", "yes")).post(turn(session)).then().statusCode(404);
        as(tokenB(Roles.VIEWER)).get("/v1/sessions/" + session).then().body("current_step_id", equalTo("confirm"));
    }
}
