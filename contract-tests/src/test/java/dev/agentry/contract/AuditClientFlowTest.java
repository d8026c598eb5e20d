package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.client.audit.api.AuditLogsApi;
import dev.agentry.client.audit.model.AuditLog;
import dev.agentry.client.audit.model.ChainVerification;
import dev.agentry.client.config.api.AgentsApi;
import dev.agentry.client.config.api.ApiKeysApi;
import dev.agentry.client.config.model.Agent;
import dev.agentry.client.config.model.AgentCreate;
import dev.agentry.client.config.model.ApiKeyCreate;
import dev.agentry.client.config.model.ApiKeyCreated;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An administrator's change in config-service reaches audit-service's audit_logs through the audit
 * stream, as the packaged services run: with the answer as new values and no secret in them.
 */
@ExtendWith(Suite.class)
class AuditClientFlowTest {

    @Test
    void aConfigWriteShowsUpInTheAuditTrailWithoutItsSecret() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin"));
        var config = Clients.config(tenant.token());
        Agent agent = new AgentsApi(config).createAgent(new AgentCreate().name("Billing").slug("billing"));
        ApiKeyCreated key = new ApiKeysApi(config).createApiKey(new ApiKeyCreate().name("widget").scopes(List.of("agent-runtime")));

        AuditLogsApi logs = new AuditLogsApi(Clients.audit(tenant.token()));
        AuditLog created = await(logs, "agent.created", agent.getId().toString());
        assertEquals("success", created.getStatus());
        assertEquals("agent", created.getResourceType());
        assertTrue(created.getActor().startsWith("api-key:"), created.getActor());
        assertEquals("billing", ((Map<?, ?>) created.getNewValues()).get("slug"));

        AuditLog keyCreated = await(logs, "api_key.created", key.getId().toString());
        Map<?, ?> values = (Map<?, ?>) keyCreated.getNewValues();
        assertEquals("[redacted]", values.get("key"));
        assertEquals(key.getKeyPrefix(), values.get("key_prefix"));
        assertFalse(String.valueOf(values).contains(key.getKey()), "the API key reached the audit trail");

        ChainVerification chain = logs.verifyLog(null, null, null);
        assertTrue(chain.getVerified(), String.valueOf(chain));
    }

    private static AuditLog await(AuditLogsApi logs, String action, String resourceId) throws Exception {
        for (int i = 0; i < 200; i++) {
            var page = logs.listLogs(action, null, null, null, 10, resourceId, null, null);
            if (!page.getItems().isEmpty()) {
                return page.getItems().get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(action + " of " + resourceId + " never reached audit_logs");
    }
}
