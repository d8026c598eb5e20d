package dev.agentry.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentry.common.tenant.TenantContext;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminActionLogTest {

    @Test
    void actionsAreTheCodesNamesInSnakeCase() {
        assertEquals("agent_rule", AdminActionLog.snake("AgentRule"));
        assertEquals("create_api_key", AdminActionLog.snake("createApiKey"));
        assertEquals("tenant_llm_config", AdminActionLog.snake("TenantLlmConfig"));
        assertEquals("mcp_server", AdminActionLog.snake("McpServer"));
    }

    @Test
    void actionsSayWhatHappened() {
        assertEquals("created", AdminActionLog.action("create"));
        assertEquals("updated", AdminActionLog.action("update"));
        assertEquals("suspended", AdminActionLog.action("suspend"));
        assertEquals("merged", AdminActionLog.action("merge"));
        assertEquals("api_key_created", AdminActionLog.action("createApiKey"));
        assertEquals("put", AdminActionLog.action("put"));
        assertEquals("applied", AdminActionLog.action("apply"));
        assertEquals("deployed", AdminActionLog.action("deploy"));
    }

    @Test
    void onlyUserSubjectsHaveAnActorId() {
        UUID user = UUID.randomUUID();
        assertEquals(user, TenantContext.userIdOf("user:" + user));
        assertNull(TenantContext.userIdOf("api-key:" + UUID.randomUUID()));
        assertNull(TenantContext.userIdOf("user:not-a-uuid"));
        assertNull(TenantContext.userIdOf(null));
    }
}
