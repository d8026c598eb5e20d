package dev.agentry.conversation.slot;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code conversation.context_slots}; an expired slot is never read. */
@ApplicationScoped
public class SlotStore {

    private static final String COLUMNS = "id, session_id, slot_key, slot_value, confidence, extracted_from_message_id, "
            + "expires_at, created_at, updated_at";
    private static final String LIVE = "(expires_at IS NULL OR expires_at > now())";

    /** Sets the slot (insert or replace); empty when the session does not exist for this tenant. */
    public Uni<Optional<ContextSlot>> upsert(SqlConnection conn, UUID tenantId, UUID sessionId, UUID id, String key, SlotSet s) {
        return conn.preparedQuery("INSERT INTO context_slots (id, tenant_id, session_id, slot_key, slot_value, confidence, "
                + "extracted_from_message_id, expires_at) "
                + "SELECT $1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::bigint IS NULL THEN NULL ELSE now() + make_interval(secs => $8::bigint) END "
                + "FROM sessions WHERE tenant_id = $2 AND id = $3 "
                + "ON CONFLICT (tenant_id, session_id, slot_key) DO UPDATE SET slot_value = excluded.slot_value, "
                + "confidence = excluded.confidence, extracted_from_message_id = excluded.extracted_from_message_id, "
                + "expires_at = excluded.expires_at, updated_at = now() RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenantId, sessionId, key, s.value(), s.confidence(),
                        s.extractedFromMessageId(), s.ttlSeconds() }))
                .map(rows -> Rows.first(rows, SlotStore::map));
    }

    public Uni<List<ContextSlot>> live(SqlConnection conn, UUID tenantId, UUID sessionId, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM context_slots WHERE tenant_id = $1 AND session_id = $2 AND "
                + LIVE + " ORDER BY slot_key LIMIT $3")
                .execute(Tuple.of(tenantId, sessionId, limit)).map(rows -> Rows.list(rows, SlotStore::map));
    }

    public Uni<Optional<ContextSlot>> find(SqlConnection conn, UUID tenantId, UUID sessionId, String key) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM context_slots WHERE tenant_id = $1 AND session_id = $2 "
                + "AND slot_key = $3 AND " + LIVE)
                .execute(Tuple.of(tenantId, sessionId, key)).map(rows -> Rows.first(rows, SlotStore::map));
    }

    public Uni<Boolean> sessionExists(SqlConnection conn, UUID tenantId, UUID sessionId) {
        return conn.preparedQuery("SELECT 1 FROM sessions WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, sessionId)).map(rows -> rows.size() == 1);
    }

    private static ContextSlot map(Row r) {
        return new ContextSlot(r.getUUID("id"), r.getUUID("session_id"), r.getString("slot_key"), r.getString("slot_value"),
                r.getBigDecimal("confidence"), r.getUUID("extracted_from_message_id"), instant(r, "expires_at"),
                instant(r, "created_at"), instant(r, "updated_at"));
    }
}
