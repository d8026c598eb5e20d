package dev.agentry.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void verbsTakeTheResourceNoun() {
        assertEquals("getEntity", OperationIds.of("EntityResource", "get"));
        assertEquals("listEntities", OperationIds.of("EntityResource", "list"));
        assertEquals("createAgent", OperationIds.of("AgentResource", "create"));
        assertEquals("matchRules", OperationIds.of("RuleResource", "match"));
        assertEquals("searchEpisodes", OperationIds.of("EpisodeResource", "search"));
        assertEquals("listAddresses", OperationIds.of("AddressResource", "list"));
        assertEquals("listPolicies", OperationIds.of("PolicyResource", "list"));
        assertEquals("listKeys", OperationIds.of("KeyResource", "list"));
    }

    @Test
    void camelCaseMethodsKeepTheirWordsAroundTheNoun() {
        assertEquals("listScenarioVersions", OperationIds.of("ScenarioResource", "listVersions"));
        assertEquals("createApiKey", OperationIds.of("ApiKeyResource", "createKey"));
        assertEquals("listApiKeys", OperationIds.of("ApiKeyResource", "listKeys"));
    }

    @Test
    void aMethodThatIsNoVerbIsReadWithItsHttpVerb() {
        assertEquals("getEntityNeighbours", OperationIds.of("EntityResource", "neighbours"));
        assertEquals("createAuthToken", OperationIds.of("AuthResource", "token", "create"));
        assertEquals("suspendTenant", OperationIds.of("TenantResource", "suspend"));
    }
}
