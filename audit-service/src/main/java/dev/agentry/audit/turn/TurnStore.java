package dev.agentry.audit.turn;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.audit.store.Params;
import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** All SQL reading {@code audit.turn_records}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class TurnStore {

    static final String COLUMNS = "id, session_id, turn_number, user_message, assistant_response, context_extracted, "
            + "rules_matched, scenario_state, tools_executed, token_usage, latency_ms, agent_id, profile_id, trace_id, "
            + "model, cost_usd, created_at, recorded_at, redacted_at";

    /** A session's turns in turn order (then id), after the cursor's (turn_number, id). */
    Uni<List<TurnRecord>> bySession(SqlConnection conn, UUID tenant, UUID session, TurnCursor after, int fetch) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM turn_records WHERE tenant_id = $1 AND session_id = $2 "
                + "AND ($3::integer IS NULL OR (turn_number, id) > ($3, $4)) ORDER BY turn_number, id LIMIT $5")
                .execute(Params.tuple(tenant, session, after == null ? null : after.turnNumber(),
                        after == null ? null : after.id(), fetch))
                .map(rows -> Rows.list(rows, TurnStore::map));
    }

    static TurnRecord map(Row r) {
        return new TurnRecord(r.getUUID("id"), r.getUUID("session_id"), r.getInteger("turn_number"),
                r.getString("user_message"), r.getString("assistant_response"), Params.plain(r.getValue("context_extracted")),
                Params.plain(r.getValue("rules_matched")), Params.plain(r.getValue("scenario_state")),
                Params.plain(r.getValue("tools_executed")), Params.plain(r.getValue("token_usage")),
                r.getInteger("latency_ms"), r.getUUID("agent_id"), r.getUUID("profile_id"), r.getString("trace_id"),
                r.getString("model"), r.getBigDecimal("cost_usd"), instant(r, "created_at"), instant(r, "recorded_at"),
                instant(r, "redacted_at"));
    }
}
