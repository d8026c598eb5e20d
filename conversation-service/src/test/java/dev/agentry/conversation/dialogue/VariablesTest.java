package dev.agentry.conversation.dialogue;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's variables filled from the message by their extractors (a variable named like a
 * built-in one, or a step's {@code metadata.extract}) and combined by their update policies exactly
 * as config-service's apply does, on the session through its compare-and-set: 50 turns at once on
 * one session, each appending one value, keep all 50.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class VariablesTest extends TwoTenantTest {

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

    @Test
    void fiftyConcurrentTurnsEachAppendingOneValueKeepAllFifty() throws Exception {
        StandInServices.VARIABLES.add(StandInServices.variable("email", new JsonArray(), "append"));
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "fifty-at-once"));
        // One turn first, so this replica holds the agent's runtime config: fifty turns at once on
        // two cores run past the turn's deadline, and a turn whose config read the deadline skips
        // uses the copy kept from an earlier turn (named runtime_config in degraded).
        as(runtime).body(Map.of("message", "please write to first@example.com")).post(turn(session)).then().statusCode(200);
        int turns = 50;
        ExecutorService pool = Executors.newFixedThreadPool(turns);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                String message = "please write to customer" + i + "@example.com";
                answers.add(pool.submit(() -> as(runtime).body(Map.of("message", message)).post(turn(session)).then().extract()
                        .statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        List<String> emails = as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200)
                .body("version", equalTo(2 + turns)).extract().path("variables.email");
        Set<String> expected = new HashSet<>(Set.of("first@example.com"));
        for (int i = 0; i < turns; i++) {
            expected.add("customer" + i + "@example.com");
        }
        assertEquals(turns + 1, emails.size(), "one value per turn, none lost, none twice");
        assertEquals(expected, new HashSet<>(emails));
    }

    @Test
    void eachPolicyCombinesAsConfigServiceDefinesIt() {
        StandInServices.NO_RULES.set(true);
        StandInServices.VARIABLES.add(StandInServices.variable("phone", null, "append"));
        StandInServices.VARIABLES.add(StandInServices.variable("order_number", "none yet", "replace"));
        StandInServices.VARIABLES.add(StandInServices.variable("order_ref", null, "replace"));
        StandInServices.VARIABLES.add(StandInServices.variable("amount", null, "merge"));
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "policies"));

        // Entering the refund scenario at ask_order, whose metadata declares order_ref <- order_number.
        as(runtime).body(Map.of("message", "I want my money back, call 0901234567")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("ask_order")).body("decision.variables.name", contains("phone"))
                .body("decision.variables[0].policy", equalTo("append"));
        // In ask_order: the order number fills order_number (REPLACE) and order_ref (the step's extractor);
        // a second phone number is appended to the first as a string (append onto a string); an amount
        // cannot be merged (merge needs an object): refused, the variable untouched.
        as(runtime).body(Map.of("message", "order #4471, or call 0987654321, it cost $25")).post(turn(session)).then().statusCode(200)
                .body("current_step_id", equalTo("confirm"))
                .body("decision.variables_refused.name", contains("amount"))
                .body("decision.variables_refused[0].field", equalTo("value"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().statusCode(200)
                .body("variables.phone", equalTo("09012345670987654321"))
                .body("variables.order_number", equalTo("4471")).body("variables.order_ref", equalTo("4471"))
                .body("variables.amount", org.hamcrest.Matchers.nullValue());
        // Out of ask_order (still in confirm), the step's extractor no longer applies; REPLACE takes the new value.
        as(runtime).body(Map.of("message", "my mistake, it is order #5522")).post(turn(session)).then().statusCode(200);
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then()
                .body("variables.order_number", equalTo("5522")).body("variables.order_ref", equalTo("4471"));
        // Another tenant's token changes nothing.
        as(tokenB(Roles.AGENT_RUNTIME)).body(Map.of("message", "order #9999")).post(turn(session)).then().statusCode(404);
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session).then().body("variables.order_number", equalTo("5522"))
                .body("step_history", hasSize(2)).body("current_step_id", equalTo("confirm"));
    }
}
