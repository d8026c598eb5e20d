package dev.agentry.conversation.dialogue;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
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
 * The agent's templates by mode, from its runtime config: EXCLUSIVE answers alone (before any
 * rule), rendered with the session's variables, slots and the variables' defaults as
 * config-service renders; SUGGEST goes to the LLM; FALLBACK answers only when nothing else does.
 * The runtime config is reused while its generation stays, re-read when it moves, and the last copy
 * serves while config-service is down.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TemplatesTest extends TwoTenantTest {

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
        StandInServices.VARIABLES.add(StandInServices.variable("customer_name", "there", "replace"));
        StandInServices.VARIABLES.add(StandInServices.variable("refund_days", 5, "replace"));
        StandInServices.VARIABLES.add(StandInServices.variable("order_number", null, "replace"));
        StandInServices.TEMPLATES.add(StandInServices.template("confirm refund", "Thanks {customer_name}, shall I refund order {order_number}?",
                "exclusive", "step", StandInServices.SCENARIO_ID, "confirm", "customer_name", "order_number"));
        StandInServices.TEMPLATES.add(StandInServices.template("refund terms", "Refunds take {refund_days} days {{working days}}.",
                "suggest", "scenario", StandInServices.SCENARIO_ID, null, "refund_days"));
        StandInServices.TEMPLATES.add(StandInServices.template("other scenario", "Never said.", "exclusive", "scenario",
                UUID.randomUUID(), null));
        StandInServices.TEMPLATES.add(StandInServices.template("sorry", "Sorry {customer_name}, a colleague will call you.",
                "fallback", "global", null, null, "customer_name"));
    }

    @AfterEach
    void cleanRedis() {
        ConversationTestSupport.cleanRedis(redis, tenantA);
        ConversationTestSupport.cleanRedis(redis, tenantB);
    }

    private static String turn(UUID session) {
        return "/v1/sessions/" + session + "/turns";
    }

    @Test
    void anExclusiveTemplateOfTheStepAnswersAloneRenderedWithTheSessionsValues() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "templated"));
        as(runtime).header("If-Match", "\"1\"").body(Map.of("variables", Map.of("customer_name", "Lan")))
                .patch("/v1/sessions/" + session).then().statusCode(200);

        // Entered at ask_order: no template of that step, so the step's words answer; nothing chosen.
        as(runtime).body(Map.of("message", "I want my money back")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("step")).body("decision.template", nullValue());

        // At confirm the step's EXCLUSIVE template answers, even with a rule matching, rendered with the
        // session's variable and this turn's slot.
        StandInServices.NO_RULES.set(false);
        as(runtime).body(Map.of("message", "refund order #4471")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm"))
                .body("response", equalTo("Thanks Lan, shall I refund order 4471?")).body("response_source", equalTo("template"))
                .body("decision.template.name", equalTo("confirm refund")).body("decision.template.mode", equalTo("exclusive"))
                .body("decision.template.missing", empty()).body("degraded", empty());

        // A later turn: the order number comes from the session's stored slot.
        as(runtime).body(Map.of("message", "hmm, not sure")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm")).body("response", equalTo("Thanks Lan, shall I refund order 4471?"));

        // The template edited without a new generation: the kept copy still answers. A new generation: the new text.
        StandInServices.TEMPLATES.set(0, StandInServices.template("confirm refund", "Refund {order_number} for {customer_name}?",
                "exclusive", "step", StandInServices.SCENARIO_ID, "confirm", "order_number", "customer_name"));
        as(runtime).body(Map.of("message", "still thinking")).post(turn(session)).then()
                .body("response", equalTo("Thanks Lan, shall I refund order 4471?"));
        StandInServices.GENERATION.incrementAndGet();
        as(runtime).body(Map.of("message", "still thinking")).post(turn(session)).then()
                .body("response", equalTo("Refund 4471 for Lan?"));

        // config-service down: the last copy answers, named degraded.
        StandInServices.MODES.put("config", StandInServices.Mode.DOWN);
        as(runtime).body(Map.of("message", "still thinking")).post(turn(session)).then().statusCode(200)
                .body("response", equalTo("Refund 4471 for Lan?")).body("degraded", hasItem("runtime_config"));
    }

    @Test
    void aSuggestTemplateGoesToTheLlmAndAFallbackTemplateAnswersOnlyWhenNothingElseDoes() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        StandInServices.LLM_CONFIGURED.set(true);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "suggested"));
        as(runtime).body(Map.of("message", "I want my money back")).post(turn(session)).then().statusCode(200)
                .body("response_source", equalTo("llm")).body("decision.template.name", equalTo("refund terms"))
                .body("decision.template.mode", equalTo("suggest"));
        JsonObject sent = (JsonObject) StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path")))
                .findFirst().orElseThrow().get("body");
        String system = sent.getJsonArray("messages").getJsonObject(0).getString("content");
        assertTrue(system.contains("Refunds take 5 days {working days}."), system);
        assertTrue(system.contains("Ask for the order number."), "the step's instructions too: " + system);

        // Without an LLM and without the step's words (its version cannot be read), the FALLBACK template answers.
        String other = tokenB(Roles.AGENT_RUNTIME);
        StandInServices.LLM_CONFIGURED.set(false);
        StandInServices.MODES.put("scenario_versions", StandInServices.Mode.DOWN);
        UUID second = create(other, newSession(UUID.randomUUID(), "web", "fallen-back"));
        as(other).body(Map.of("message", "I want my money back")).post(turn(second)).then().statusCode(200)
                .body("response", equalTo("Sorry there, a colleague will call you.")).body("response_source", equalTo("template"))
                .body("decision.template.mode", equalTo("fallback")).body("degraded", hasItem("scenario_step"));
    }
}
