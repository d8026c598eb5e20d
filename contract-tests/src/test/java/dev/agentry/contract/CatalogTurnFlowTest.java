package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentry.client.catalog.api.BotsApi;
import dev.agentry.client.catalog.api.FaqApi;
import dev.agentry.client.catalog.api.GuardrailsApi;
import dev.agentry.client.catalog.model.BotCreate;
import dev.agentry.client.catalog.model.BotVersionCreate;
import dev.agentry.client.catalog.model.FaqWrite;
import dev.agentry.client.catalog.model.GuardrailWrite;
import dev.agentry.client.config.api.AgentsApi;
import dev.agentry.client.config.model.AgentCreate;
import dev.agentry.client.conversation.api.SessionsApi;
import dev.agentry.client.conversation.api.TurnsApi;
import dev.agentry.client.conversation.model.SessionCreate;
import dev.agentry.client.conversation.model.TurnRequest;
import dev.agentry.client.conversation.model.TurnResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The turn pipeline over the real, packaged catalog-service, through generated clients only: the
 * tenant fronts its agent with a bot, gives the bot an FAQ entry and a guardrail; a paraphrase of
 * the FAQ question is answered from it (no rule, no LLM configured), a card number is blocked with
 * the guardrail's fallback message, and the session records the bot version that answered.
 */
@ExtendWith(Suite.class)
class CatalogTurnFlowTest {

    @Test
    void theBotsFaqAnswersAGuardrailBlocksAndTheSessionNamesTheVersion() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        UUID agent = new AgentsApi(Clients.config(tenant.token())).createAgent(new AgentCreate().name("Shop").slug("shop")).getId();

        var catalog = Clients.catalog(tenant.token());
        BotsApi bots = new BotsApi(catalog);
        UUID bot = bots.createBot(new BotCreate().code("shop-bot").name("Shop bot").agentId(agent)).getId();
        UUID version = bots.createBotVersion(bot, new BotVersionCreate().systemPrompt("You help shop customers.")
                .flowConfig(Map.of())).getId();
        bots.activateBotVersion(bot, version);
        new FaqApi(catalog).createFaq(new FaqWrite().botId(bot).question("What are your opening hours?")
                .answer("We open at nine every day."));
        new GuardrailsApi(catalog).createGuardrail(new GuardrailWrite().code("no-cards").name("No card numbers")
                .conditionExpression("direction == 'input' && matches.payment_card").violationAction("block")
                .fallbackMessage("Please do not share card numbers here."));

        var conversation = Clients.conversation(tenant.token());
        UUID session = new SessionsApi(conversation).createSession(new SessionCreate().agentId(agent).channel("web")
                .userChannelId("visitor-" + UUID.randomUUID())).getSessionId();
        TurnsApi turns = new TurnsApi(conversation);

        TurnResult faq = turns.takeTurn(session, new TurnRequest().message("When are you open?"));
        assertEquals("faq", faq.getResponseSource(), () -> "decision: " + faq.getDecision());
        assertEquals("We open at nine every day.", faq.getResponse());
        assertFalse(faq.getDegraded().contains("bot"), () -> "degraded: " + faq.getDegraded());

        TurnResult blocked = turns.takeTurn(session, new TurnRequest().message("my card is 4111 1111 1111 1111, charge it"));
        assertEquals("guardrail", blocked.getResponseSource());
        assertEquals("Please do not share card numbers here.", blocked.getResponse());

        // Nothing answers this one: the semantic cache is asked (the real catalog's contract: the
        // language scopes it) and misses, the tenant has no LLM, the fallback speaks; nothing degraded.
        TurnResult unanswered = turns.takeTurn(session, new TurnRequest().message("tell me about the weather on mars"));
        assertEquals("fallback", unanswered.getResponseSource());
        assertEquals(List.of(), unanswered.getDegraded(), () -> "decision: " + unanswered.getDecision());

        var recorded = new SessionsApi(conversation).getSession(session);
        assertEquals(bot, recorded.getBotId());
        assertEquals(version, recorded.getBotVersionId());
    }
}
