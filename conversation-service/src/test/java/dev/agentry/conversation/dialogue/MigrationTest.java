package dev.agentry.conversation.dialogue;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live-session migration: a session behind its scenario's current version is moved at its next turn
 * by the deployed plan config-service names (map, restart, keep_anchor, end), plans chain, a session
 * without a plan stays, an anchored one does not ask again, and config-service unable to answer
 * degrades the step, never the turn.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MigrationTest extends TwoTenantTest {

    private static final String APPLICABLE = "/v1/scenarios/" + StandInServices.SCENARIO_ID + "/migration-plans/applicable";

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

    private static long asked() {
        return StandInServices.CALLS.stream().filter(c -> APPLICABLE.equals(c.get("path"))).count();
    }

    /** A session in the refund scenario at version 2, step ask_order. */
    private UUID inScenario(String runtime, String user) {
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", user));
        as(runtime).body(Map.of("message", "I want my money back")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order"));
        return session;
    }

    @Test
    void plansChainAndMapTheStepOldStepKeptInTheHistory() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = inScenario(runtime, "chained");
        assertEquals(0, asked(), "a session on the current version does not ask");

        StandInServices.scenarioVersionWritten(4);
        StandInServices.PLANS.put(2, StandInServices.plan(2, 3, Map.of("ask_order", StandInServices.mapTo("get_order"),
                "confirm", StandInServices.mapTo("confirm"), "done", StandInServices.mapTo("done"), "handoff",
                StandInServices.mapTo("handoff")), "restart", true, null));
        StandInServices.PLANS.put(3, StandInServices.plan(3, 4, Map.of("get_order", StandInServices.mapTo("find_order"),
                "confirm", StandInServices.mapTo("confirm"), "done", StandInServices.mapTo("done"), "handoff",
                StandInServices.mapTo("handoff")), "restart", true, null));
        as(runtime).body(Map.of("message", "It was a kettle")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("find_order")).body("response", equalTo(StandInServices.STEP_ASK_ORDER))
                .body("decision.migration.from_version", equalTo(2)).body("decision.migration.to_version", equalTo(4))
                .body("decision.migration.from_step", equalTo("ask_order")).body("decision.migration.to_step", equalTo("find_order"))
                .body("decision.migration.plans.to_step", contains("get_order", "find_order"))
                .body("decision.migration.plans.action", contains("map", "map"));
        assertEquals(2, asked(), "asked from version 2, then from 3; at 4 (current) no more");
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200)
                .body("active_scenario_version", equalTo(4)).body("current_step_id", equalTo("find_order"))
                .body("step_history.step_id", contains("ask_order", "find_order"))
                .body("step_history.scenario_version", contains(2, 4))
                .body("pending_migration.to_version", equalTo(4)).body("pending_migration.action", equalTo("migrated"));

        // On the current version: no more questions, and the new version's transitions are followed.
        as(runtime).body(Map.of("message", "order #4471")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("decision.migration", nullValue());
        assertEquals(2, asked());
    }

    @Test
    void withoutAPlanTheSessionStaysAndAnAnchoredOneDoesNotAskAgain() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = inScenario(runtime, "anchored");
        StandInServices.scenarioVersionWritten(3);

        // No deployed plan: stays on version 2 (and asks again next turn).
        as(runtime).body(Map.of("message", "It was a kettle")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order")).body("decision.migration", nullValue());
        assertEquals(1, asked());

        // keep_anchor: stays on version 2, remembered, not asked on the next turns.
        StandInServices.PLANS.put(2, StandInServices.plan(2, 3, Map.of("ask_order", StandInServices.policy("keep_anchor"),
                "confirm", StandInServices.mapTo("confirm"), "done", StandInServices.mapTo("done"), "handoff",
                StandInServices.mapTo("handoff")), "restart", true, null));
        as(runtime).body(Map.of("message", "It was a kettle")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order")).body("decision.migration.action", equalTo("keep_anchor"));
        assertEquals(2, asked());
        as(runtime).body(Map.of("message", "order #4471")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("decision.migration", nullValue());
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then()
                .body("active_scenario_version", equalTo(2)).body("pending_migration.action", equalTo("keep_anchor"));
        assertEquals(2, asked(), "anchored: not asked again");

        // A newer version than the anchor knew: asked again, and a plan from 2 to 4 moves it (confirm stays confirm).
        StandInServices.scenarioVersionWritten(4);
        StandInServices.PLANS.put(2, StandInServices.plan(2, 4, Map.of("ask_order", StandInServices.mapTo("find_order"),
                "confirm", StandInServices.mapTo("confirm"), "done", StandInServices.mapTo("done"), "handoff",
                StandInServices.mapTo("handoff")), "restart", true, null));
        as(runtime).body(Map.of("message", "hmm")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("decision.migration.to_version", equalTo(4));
        assertEquals(3, asked());
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then()
                .body("active_scenario_version", equalTo(4))
                .body("step_history.step_id", contains("ask_order", "confirm", "confirm"))
                .body("step_history.scenario_version", contains(2, 2, 4));
    }

    @Test
    void restartEndScopeAndAConfigServiceThatCannotAnswer() {
        String runtime = tokenB(Roles.AGENT_RUNTIME);
        StandInServices.scenarioVersionWritten(2);
        UUID restarted = inScenario(runtime, "restarted");
        as(runtime).body(Map.of("message", "order #4471")).post(turn(restarted)).then().body("current_step_id", equalTo("confirm"));
        as(runtime).header("If-Match", "\"3\"").body(Map.of("variables", Map.of("mood", "fine"))).patch("/v1/sessions/" + restarted)
                .then().statusCode(200);
        UUID ended = inScenario(runtime, "ended");
        UUID outOfScope = inScenario(runtime, "out-of-scope");
        StandInServices.scenarioVersionWritten(3);

        // config-service cannot answer the question: the session stays, the step is named degraded, the turn answers.
        StandInServices.MODES.put("scenario_versions", StandInServices.Mode.DOWN);
        as(runtime).body(Map.of("message", "hmm")).post(turn(restarted)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("degraded", hasItem("scenario_step"));
        StandInServices.MODES.remove("scenario_versions");

        // restart (the map does not know confirm: unmapped_step) without preserving variables: the entry step of 3, variables dropped.
        StandInServices.PLANS.put(2, StandInServices.plan(2, 3, Map.of("ask_order", StandInServices.policy("end")), "restart",
                false, null));
        as(runtime).body(Map.of("message", "hmm")).post(turn(restarted)).then().statusCode(200)
                .body("active_scenario_id", equalTo(StandInServices.SCENARIO_ID.toString()))
                .body("current_step_id", equalTo("get_order")).body("decision.migration.plans[0].action", equalTo("restart"));
        as(tokenB(Roles.VIEWER)).get("/v1/sessions/" + restarted).then().body("variables.mood", nullValue())
                .body("active_scenario_version", equalTo(3));

        // end: the session leaves the scenario.
        as(runtime).body(Map.of("message", "hmm")).post(turn(ended)).then().statusCode(200)
                .body("active_scenario_id", nullValue()).body("current_step_id", nullValue())
                .body("decision.migration.action", equalTo("end"))
                .body("decision.scenario_step.why", equalTo("a migration plan ended the scenario"));

        // A plan for sessions started after now does not move an older session; one for another channel neither.
        StandInServices.PLANS.put(2, StandInServices.plan(2, 3, Map.of("ask_order", StandInServices.mapTo("get_order")), "restart",
                true, new JsonObject().put("channels", null).put("session_started_after", "2099-01-01T00:00:00Z")
                        .put("session_started_before", null)));
        as(runtime).body(Map.of("message", "hmm")).post(turn(outOfScope)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order")).body("decision.migration", nullValue());
        StandInServices.PLANS.put(2, StandInServices.plan(2, 3, Map.of("ask_order", StandInServices.mapTo("get_order")), "restart",
                true, new JsonObject().put("channels", new JsonArray().add("zalo")).put("session_started_after", null)
                        .put("session_started_before", null)));
        as(runtime).body(Map.of("message", "hmm")).post(turn(outOfScope)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order"));
        assertTrue(StandInServices.CALLS.stream().filter(c -> APPLICABLE.equals(c.get("path")))
                .allMatch(c -> ("Bearer " + runtime).equals(c.get("authorization"))), "asked with the caller's own token");

        // Another tenant's token: 404, nothing moved.
        as(tokenA(Roles.AGENT_RUNTIME)).body(Map.of("message", "hmm")).post(turn(outOfScope)).then().statusCode(404);
    }
}
