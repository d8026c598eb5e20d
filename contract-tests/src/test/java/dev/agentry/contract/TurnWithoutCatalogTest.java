package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentry.client.conversation.ApiClient;
import dev.agentry.client.conversation.api.SessionsApi;
import dev.agentry.client.conversation.api.TurnsApi;
import dev.agentry.client.conversation.model.SessionCreate;
import dev.agentry.client.conversation.model.TurnRequest;
import dev.agentry.client.conversation.model.TurnResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conversation-service deployed without catalog-service ({@code turn.catalog-enabled=false}):
 * its turns skip the bot, FAQ, guardrail and cache steps and do not name them degraded, even though
 * the tenant has a bot and a blocking guardrail in the catalog that the suite's instance would use.
 * Here, not in conversation-service's own tests: a second Quarkus start in one test JVM cannot load
 * the embedding model's native library again.
 */
@ExtendWith(Suite.class)
class TurnWithoutCatalogTest {

    @Test
    void turnsSkipTheCatalogStepsWithoutNamingThemDegraded() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        UUID agent = Clients.shopAgentWithRefundRule(tenant.token());
        new dev.agentry.client.catalog.api.GuardrailsApi(Clients.catalog(tenant.token())).createGuardrail(
                new dev.agentry.client.catalog.model.GuardrailWrite().code("no-money").conditionExpression("message.contains('money')")
                        .violationAction("block").fallbackMessage("Blocked."));

        try (ServiceProcess plain = Suite.anotherConversation("conversation-service-no-catalog",
                Map.of("AGENTRY_CONVERSATION_TURN_CATALOG_ENABLED", "false"))) {
            var client = new ApiClient();
            client.updateBaseUri(plain.baseUri());
            client.setReadTimeout(Duration.ofSeconds(30)).setRequestInterceptor(r -> r.header("Authorization", "Bearer " + tenant.token()));
            UUID session = new SessionsApi(client).createSession(new SessionCreate().agentId(agent).channel("web")
                    .userChannelId("visitor-" + UUID.randomUUID())).getSessionId();
            TurnsApi turns = new TurnsApi(client);

            // The catalog's guardrail would block this message; this instance never asks.
            TurnResult ruled = turns.takeTurn(session, new TurnRequest().message("I want my money back"));
            assertEquals("rule", ruled.getResponseSource());
            assertEquals(List.of(), ruled.getDegraded());
            assertNull(ruled.getDecision().get("bot"));
            // Nothing answers: straight to the LLM (none configured), never the cache.
            TurnResult unanswered = turns.takeTurn(session, new TurnRequest().message("tell me about the weather on mars"));
            assertEquals("fallback", unanswered.getResponseSource());
            assertEquals(List.of(), unanswered.getDegraded());
            for (TurnResult turn : List.of(ruled, unanswered)) {
                Map<?, ?> latency = (Map<?, ?>) turn.getDecision().get("latency_ms");
                for (String step : List.of("bot", "faq", "guardrails_input", "guardrails_output", "cache")) {
                    assertFalse(latency.containsKey(step), step + " ran: " + latency);
                }
            }
        }
    }
}
