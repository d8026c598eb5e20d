package dev.agentry.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.id.Ids;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

    @Test
    void aRecordSurvivesTheStreamFieldsWithItsId() {
        UUID tenant = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        AuditRecord record = AuditRecord.of(AuditKind.TURN_RECORD, tenant, Map.of(
                "session_id", session, "turn_number", 3, "user_message", "hi",
                "rules_matched", List.of(Map.of("id", "r1")), "kind", AuditKind.AUDIT_LOG));
        assertEquals(7, record.id().version());
        assertTrue(Math.abs(Ids.epochMillis(record.id()) - record.occurredAt().toEpochMilli()) < 1000);

        Map<String, String> fields = record.toFields();
        assertEquals(List.of("id", "kind", "tenant_id", "occurred_at", "data"), List.copyOf(fields.keySet()));
        assertEquals("turn_record", fields.get("kind"));

        AuditRecord back = AuditRecord.fromFields(fields);
        assertEquals(record.id(), back.id());
        assertEquals(AuditKind.TURN_RECORD, back.kind());
        assertEquals(tenant, back.tenantId());
        assertEquals(record.occurredAt(), back.occurredAt());
        assertEquals(session.toString(), back.data().get("session_id"));
        assertEquals(3, back.data().get("turn_number"));
        assertEquals("audit_log", back.data().get("kind"));
        assertEquals(List.of(Map.of("id", "r1")), back.data().get("rules_matched"));
    }

    @Test
    void aMalformedEntryNamesWhatIsWrong() {
        Map<String, String> good = new AuditRecord(Ids.newId(), AuditKind.AUDIT_LOG, UUID.randomUUID(),
                Instant.parse("2026-01-02T03:04:05Z"), Map.of("action", "agent.created")).toFields();
        assertEquals("agent.created", AuditRecord.fromFields(good).data().get("action"));
        for (var broken : List.of(
                Map.entry("id", "nope"), Map.entry("tenant_id", ""), Map.entry("kind", "table"),
                Map.entry("occurred_at", "yesterday"), Map.entry("data", "[1,2]"), Map.entry("data", "{"))) {
            Map<String, String> fields = new HashMap<>(good);
            fields.put(broken.getKey(), broken.getValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditRecord.fromFields(fields));
            assertTrue(e.getMessage().contains(broken.getKey()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AuditRecord.fromFields(null));
    }
}
