package dev.agentry.conversation.turn;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment without catalog-service ({@code turn.catalog-enabled=false}): turns never call it
 * (no bot, FAQ, guardrail or cache request) and do not name those steps degraded.
 */
@QuarkusTest
@TestProfile(TurnWithoutCatalogTest.CatalogOff.class)
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TurnWithoutCatalogTest extends TwoTenantTest {

    public static class CatalogOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A longer call timeout than the stand-ins give: this test is about which steps run, not how fast.
            return Map.of("agentry.conversation.turn.catalog-enabled", "false", "agentry.conversation.turn.call-timeout", "PT5S");
        }
    }

    private static final List<String> CATALOG_PATHS = List.of("/v1/guardrails", "/v1/bots", "/v1/faq", "/v1/semantic-cache");

    @Inject
    @RedisClientName("persist")
    RedisDataSource redis;

    @Override
    protected String schema() {
        return "conversation";
    }

    /**
     * The stand-ins, driven over HTTP (see StandInServices.control: this class runs in another class
     * loader); a plain client, since REST Assured here checks every call against our OpenAPI document.
     */
    private static String standIn(String method, String command) {
        String base = ConfigProvider.getConfig().getValue("agentry.conversation.turn.config-url", String.class);
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + StandInServices.CONTROL + command))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() < 300, () -> command + " answered " + response.statusCode());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> standInCalls() {
        List<String> paths = new ArrayList<>();
        new JsonArray(standIn("GET", "calls")).forEach(p -> paths.add(String.valueOf(p)));
        return paths;
    }

    @BeforeEach
    void standInsUp() {
        standIn("POST", "reset");
    }

    @AfterEach
    void cleanRedis() {
        ConversationTestSupport.cleanRedis(redis, tenantA);
    }

    @Test
    void turnsSkipTheCatalogStepsWithoutNamingThemDegraded() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "no-catalog"));

        as(runtime).body(Map.of("message", "I want my money back for order 4471")).post("/v1/sessions/" + session + "/turns")
                .then().log().ifValidationFails().statusCode(200).body("response_source", equalTo("rule")).body("degraded", empty())
                .body("decision.bot", equalTo(null));
        // No rule answers: straight to the LLM (the config stand-in is down), never the cache.
        standIn("POST", "mode/config/DOWN");
        as(runtime).body(Map.of("message", "anything new?")).post("/v1/sessions/" + session + "/turns")
                .then().log().ifValidationFails().statusCode(200).body("response_source", equalTo("fallback"))
                .body("degraded", hasItem("rules")).body("degraded", not(hasItem("cache")))
                .body("degraded", not(hasItem("guardrails"))).body("degraded", not(hasItem("bot")))
                // The steps never ran: none of them has a latency.
                .body("decision.latency_ms", not(hasKey("cache"))).body("decision.latency_ms", not(hasKey("bot")))
                .body("decision.latency_ms", not(hasKey("guardrails_input")))
                .body("decision.latency_ms", not(hasKey("guardrails_output"))).body("decision.latency_ms", hasKey("rules"));

        List<String> calls = standInCalls();
        assertTrue(calls.stream().anyMatch(p -> p.endsWith("/rules/match")), () -> "the stand-ins saw the turns: " + calls);
        assertEquals(List.of(), calls.stream().filter(p -> CATALOG_PATHS.stream().anyMatch(p::startsWith)).toList());
        as(runtime).get("/v1/sessions/" + session).then().statusCode(200).body("bot_version_id", equalTo(null));
    }
}
