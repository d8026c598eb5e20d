package dev.agentry.conversation.session;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable record of sessions ({@code conversation.sessions}), inside the caller's RLS-bound
 * transaction. Every statement filters {@code tenant_id} itself. A write never lowers the version:
 * the row follows the Redis document, and an older write arriving late changes nothing.
 */
@ApplicationScoped
public class SessionRecordStore {

    private static final String COLUMNS = "id, tenant_id, agent_id, bot_id, bot_version_id, customer_profile_id, channel, user_channel_id, status, "
            + "variables::text AS variables, active_scenario_id, active_scenario_version, current_step_id, "
            + "step_history::text AS step_history, pending_migration::text AS pending_migration, created_at, "
            + "last_activity_at, ended_at, thread_id, version";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    /** What erasure needs of a session to find its Redis keys. */
    public record Keys(UUID id, UUID agentId, String channel, String userChannelId) {
    }

    @Inject
    ObjectMapper json;

    public Uni<Void> insert(SqlConnection conn, Session s) {
        return conn.preparedQuery("INSERT INTO sessions (id, tenant_id, agent_id, customer_profile_id, channel, user_channel_id, "
                + "status, variables, active_scenario_id, active_scenario_version, current_step_id, step_history, "
                + "pending_migration, thread_id, version, created_at, last_activity_at, state_updated_at, updated_at, "
                + "bot_id, bot_version_id) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10, $11, $12::text::jsonb, $13::text::jsonb, $14, $15, $16, $17, $17, $17, "
                + "$18, $19) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(new Object[] { s.sessionId(), s.tenantId(), s.agentId(), s.customerProfileId(), s.channel(),
                        s.userChannelId(), Rows.wire(s.status()), write(s.variables()), s.activeScenarioId(),
                        s.activeScenarioVersion(), s.currentStepId(), write(s.stepHistory()), writeNullable(s.pendingMigration()),
                        s.threadId(), s.version(), timestamp(s.createdAt()), timestamp(s.lastActivityAt()), s.botId(),
                        s.botVersionId() }))
                .replaceWithVoid();
    }

    /** Brings the row up to the document, unless the row already holds this or a newer version. */
    public Uni<Boolean> update(SqlConnection conn, Session s) {
        return conn.preparedQuery("UPDATE sessions SET customer_profile_id = $3, status = $4::text, variables = $5::text::jsonb, "
                + "active_scenario_id = $6, active_scenario_version = $7, current_step_id = $8, step_history = $9::text::jsonb, "
                + "pending_migration = $10::text::jsonb, version = $11, last_activity_at = $12, ended_at = $13, updated_at = now(), "
                + "bot_id = $14, bot_version_id = $15, "
                + "state_updated_at = CASE WHEN status <> $4::text THEN now() ELSE state_updated_at END "
                + "WHERE tenant_id = $1 AND id = $2 AND version < $11")
                .execute(Tuple.from(new Object[] { s.tenantId(), s.sessionId(), s.customerProfileId(), Rows.wire(s.status()),
                        write(s.variables()), s.activeScenarioId(), s.activeScenarioVersion(), s.currentStepId(),
                        write(s.stepHistory()), writeNullable(s.pendingMigration()), s.version(),
                        timestamp(s.lastActivityAt()), timestamp(s.endedAt()), s.botId(), s.botVersionId() }))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Session>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM sessions WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, this::map));
    }

    /** The sessions of a customer profile (erasure, merges). */
    public Uni<List<Keys>> keysOfCustomer(SqlConnection conn, UUID tenantId, UUID profileId) {
        return conn.preparedQuery("SELECT id, agent_id, channel, user_channel_id FROM sessions "
                + "WHERE tenant_id = $1 AND customer_profile_id = $2")
                .execute(Tuple.of(tenantId, profileId))
                .map(rows -> Rows.list(rows, r -> new Keys(r.getUUID("id"), r.getUUID("agent_id"), r.getString("channel"),
                        r.getString("user_channel_id"))));
    }

    /** Deletes a customer's sessions; their messages, slots, decisions, actions and checkpoints cascade. */
    public Uni<Integer> deleteOfCustomer(SqlConnection conn, UUID tenantId, UUID profileId) {
        return conn.preparedQuery("DELETE FROM sessions WHERE tenant_id = $1 AND customer_profile_id = $2")
                .execute(Tuple.of(tenantId, profileId)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> countMessagesOfCustomer(SqlConnection conn, UUID tenantId, UUID profileId) {
        return conn.preparedQuery("SELECT coalesce(sum(message_count), 0) FROM sessions WHERE tenant_id = $1 AND customer_profile_id = $2")
                .execute(Tuple.of(tenantId, profileId)).map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    private Session map(Row row) {
        return new Session(row.getUUID("id"), row.getUUID("tenant_id"), row.getUUID("agent_id"), row.getUUID("bot_id"),
                row.getUUID("bot_version_id"), row.getUUID("customer_profile_id"), row.getString("channel"), row.getString("user_channel_id"),
                Rows.enumValue(row, "status", SessionStatus.class), read(row.getString("variables"), MAP),
                row.getUUID("active_scenario_id"), row.getInteger("active_scenario_version"), row.getString("current_step_id"),
                read(row.getString("step_history"), LIST), readAny(row.getString("pending_migration")),
                instant(row, "created_at"), instant(row, "last_activity_at"), instant(row, "ended_at"),
                row.getString("thread_id"), row.getLong("version"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String writeNullable(Object value) {
        return value == null ? null : write(value);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object readAny(String text) {
        try {
            return text == null ? null : json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
