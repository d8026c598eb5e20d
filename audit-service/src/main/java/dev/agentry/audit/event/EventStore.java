package dev.agentry.audit.event;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.audit.store.Params;
import dev.agentry.audit.store.TimeRange;
import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** All SQL reading {@code audit.audit_events}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class EventStore {

    static final String COLUMNS = "id, session_id, turn_id, event_type, event_data, agent_id, profile_id, trace_id, "
            + "created_at, recorded_at, redacted_at";

    /** Events newest first (by id), of one type / session / turn when given, with created_at in the range. */
    Uni<List<AuditEvent>> list(SqlConnection conn, UUID tenant, String type, UUID session, UUID turn, TimeRange range,
            PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM audit_events WHERE tenant_id = $1 "
                + "AND ($2::varchar IS NULL OR event_type = $2) AND ($3::uuid IS NULL OR session_id = $3) "
                + "AND ($4::uuid IS NULL OR turn_id = $4) AND created_at >= $5 AND created_at < $6 "
                + "AND ($7::uuid IS NULL OR id < $7) ORDER BY id DESC LIMIT $8")
                .execute(Params.tuple(tenant, type, session, turn, Rows.timestamp(range.from()),
                        Rows.timestamp(range.to()), page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, EventStore::map));
    }

    static AuditEvent map(Row r) {
        return new AuditEvent(r.getUUID("id"), r.getUUID("session_id"), r.getUUID("turn_id"), r.getString("event_type"),
                Params.plain(r.getValue("event_data")), r.getUUID("agent_id"), r.getUUID("profile_id"),
                r.getString("trace_id"), instant(r, "created_at"), instant(r, "recorded_at"), instant(r, "redacted_at"));
    }
}
