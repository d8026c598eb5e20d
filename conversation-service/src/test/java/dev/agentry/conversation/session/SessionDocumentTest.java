package dev.agentry.conversation.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionDocumentTest {

    private static final UUID TENANT = UUID.fromString("01a00000-0000-7000-8000-000000000001");

    @Test
    void readsTheTopLevelTenantAndVersionWhateverIsNestedBeforeThem() {
        String json = "{\"session_id\":\"x\",\"variables\":{\"tenant_id\":\"not-this\",\"version\":99,\"list\":[1,{\"version\":7}]},"
                + "\"step_history\":[{\"tenant_id\":\"nor-this\"}],\"tenant_id\":\"" + TENANT + "\",\"version\":12,\"status\":\"active\"}";
        SessionDocument d = SessionDocument.of(json);
        assertEquals(TENANT, d.tenantId());
        assertEquals(12, d.version());
        assertSame(json, d.json(), "answered as stored, byte for byte");
    }

    @Test
    void aDocumentWithoutTenantOrVersionOrNotJsonIsRefused() {
        assertThrows(IllegalStateException.class, () -> SessionDocument.of("{\"version\":1}"));
        assertThrows(IllegalStateException.class, () -> SessionDocument.of("{\"tenant_id\":\"" + TENANT + "\"}"));
        assertThrows(IllegalStateException.class, () -> SessionDocument.of("{\"tenant_id\":\"not-a-uuid\",\"version\":1}"));
        assertThrows(IllegalStateException.class, () -> SessionDocument.of("[1,2]"));
        assertThrows(IllegalStateException.class, () -> SessionDocument.of("{\"tenant_id\":"));
    }
}
