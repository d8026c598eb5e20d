package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.client.config.api.RulesApi;
import dev.agentry.client.config.model.RuleCreate;
import dev.agentry.client.conversation.api.SessionsApi;
import dev.agentry.client.conversation.api.TurnsApi;
import dev.agentry.client.conversation.model.SessionCreate;
import dev.agentry.client.conversation.model.TurnRequest;
import dev.agentry.client.conversation.model.TurnResult;
import dev.agentry.client.memory.api.EpisodesApi;
import dev.agentry.client.memory.model.EpisodeType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conversation turn across the real, packaged services, through generated clients only: the
 * tenant configures an agent and a rule in config-service, opens a session in conversation-service,
 * and a customer's message is answered from the rule, the customer resolved by profile-service and
 * the turn remembered by memory-service.
 */
@ExtendWith(Suite.class)
class TurnFlowTest {

    @Test
    void aMessageIsAnsweredFromTheAgentsRuleAndRemembered() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        UUID agent = Clients.shopAgentWithRefundRule(tenant.token());
        new RulesApi(Clients.config(tenant.token())).createAgentRule(agent, new RuleCreate().name("hours")
                .conditionText("the customer asks when the shop opens").actionType("respond")
                .actionConfig(Map.of("response", "We open at nine.")));

        var conversation = Clients.conversation(tenant.token());
        UUID session = new SessionsApi(conversation).createSession(new SessionCreate().agentId(agent).channel("web")
                .userChannelId("visitor-" + UUID.randomUUID())).getSessionId();
        TurnResult turn = new TurnsApi(conversation).takeTurn(session, new TurnRequest().message("I want my money back"));

        assertEquals("Refunds are paid back within five working days.", turn.getResponse());
        assertEquals("rule", turn.getResponseSource());
        assertEquals(List.of(), turn.getDegraded());
        assertNotNull(turn.getCustomerProfileId(), "profile-service resolved the channel user");

        // memory-service got the turn as an episode of that customer (handed over without waiting).
        EpisodesApi episodes = new EpisodesApi(Clients.memory(tenant.token()));
        for (int i = 0; i < 100; i++) {
            var page = episodes.listEpisodes(null, null, turn.getCustomerProfileId(), null, 10, session, List.of(EpisodeType.TURN));
            if (!page.getItems().isEmpty()) {
                assertTrue(page.getItems().get(0).getContent().contains("I want my money back"));
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the turn never reached memory-service");
    }
}
