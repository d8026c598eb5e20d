package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.client.config.ApiException;
import dev.agentry.client.config.api.AgentsApi;
import dev.agentry.client.config.api.RulesApi;
import dev.agentry.client.config.model.Agent;
import dev.agentry.client.config.model.AgentCreate;
import dev.agentry.client.config.model.Rule;
import dev.agentry.client.config.model.RuleCreate;
import dev.agentry.client.config.model.RuleMatchRequest;
import dev.agentry.client.config.model.RuleMatches;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** config-service through its generated client: platform token → tenant → key → token → agent → rule → match. */
@ExtendWith(Suite.class)
class ConfigClientFlowTest {

    @Test
    void tenantAdminBuildsAnAgentAndMatchesItsRule() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin"));
        var client = Clients.config(tenant.token());

        Agent agent = new AgentsApi(client).createAgent(new AgentCreate().name("Support").slug("support")
                .description("Answers delivery questions").systemPrompt("You are helpful."));
        assertEquals("support", agent.getSlug());

        RulesApi rules = new RulesApi(client);
        Rule refund = rules.createAgentRule(agent.getId(), new RuleCreate().name("refund")
                .conditionText("the customer asks for a refund of an order").actionType("respond")
                .actionConfig(Map.of("template", "refund")).priority(10));
        rules.createAgentRule(agent.getId(), new RuleCreate().name("opening hours")
                .conditionText("the customer asks when the shop is open").actionType("respond").priority(5));

        RuleMatches matches = rules.matchAgentRules(agent.getId(),
                new RuleMatchRequest().message("I want my money back for order 1234").topK(2));
        assertFalse(matches.getItems().isEmpty());
        assertEquals(refund.getId(), matches.getItems().get(0).getRule().getId());
        assertTrue(matches.getItems().get(0).getScore() > matches.getItems().get(1).getScore());
        assertEquals(2, rules.listAgentRules(agent.getId(), null, null, 10, null).getItems().size());
    }

    @Test
    void anotherTenantsClientSeesA404ProblemNotTheAgent() throws Exception {
        var owner = Clients.config(Clients.newTenant(List.of("tenant-admin")).token());
        Agent agent = new AgentsApi(owner).createAgent(new AgentCreate().name("Private").slug("private"));

        var stranger = Clients.config(Clients.newTenant(List.of("tenant-admin")).token());
        ApiException refused = assertThrows(ApiException.class, () -> new AgentsApi(stranger).getAgent(agent.getId()));
        assertEquals(404, refused.getCode());
        assertEquals("application/problem+json",
                refused.getResponseHeaders().firstValue("content-type").orElse("").split(";")[0]);
    }
}
