package dev.agentry.conversation.turn;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/** All SQL of {@code decision_events}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class DecisionStore {

    /**
     * One decision of a turn, with the catalog bot version that answered it (null without one) and
     * what its LLM call cost by the model registry's prices (null without one); the caller's
     * transaction also holds the turn's messages.
     */
    public Uni<Void> insert(SqlConnection conn, UUID tenantId, UUID id, UUID sessionId, UUID inputMessageId, UUID botVersionId,
            String eventType, Map<String, Object> metadata, Double estimatedCostUsd, int latencyMs) {
        return conn.preparedQuery("INSERT INTO decision_events (id, tenant_id, session_id, input_message_id, bot_version_id, "
                + "event_type, decision_metadata, estimated_cost_usd, latency_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] { id, tenantId, sessionId, inputMessageId, botVersionId, eventType,
                        new JsonObject(metadata), estimatedCostUsd == null ? null : java.math.BigDecimal.valueOf(estimatedCostUsd),
                        latencyMs }))
                .replaceWithVoid();
    }

    /** The number the next turn of a session gets (turns so far plus one). */
    public Uni<Integer> nextTurnNumber(SqlConnection conn, UUID tenantId, UUID sessionId) {
        return conn.preparedQuery("SELECT count(*) AS n FROM decision_events WHERE tenant_id = $1 AND session_id = $2 "
                + "AND event_type = 'turn'").execute(Tuple.of(tenantId, sessionId))
                .map(rows -> rows.iterator().next().getLong("n").intValue() + 1);
    }
}
