package dev.agentry.conversation.message;

import static dev.agentry.common.db.Rows.instant;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code conversation.messages}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class MessageStore {

    private static final String COLUMNS = "id, session_id, sequence_number, role, content, metadata::text AS metadata, "
            + "ui_metadata::text AS ui_metadata, model, input_tokens, output_tokens, tool_calls::text AS tool_calls, "
            + "tool_results::text AS tool_results, latency_ms, created_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    /**
     * Appends a message: its number comes from the session row's counter, incremented in the same
     * statement (the row lock orders concurrent appends, so numbers are gapless). Empty when the
     * session does not exist for this tenant.
     */
    public Uni<Optional<Message>> append(SqlConnection conn, UUID tenantId, UUID sessionId, UUID id, MessageCreate m) {
        return conn.preparedQuery("WITH s AS (UPDATE sessions SET message_count = message_count + 1, last_message_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 RETURNING message_count) "
                + "INSERT INTO messages (id, tenant_id, session_id, sequence_number, role, content, metadata, ui_metadata, "
                + "model, input_tokens, output_tokens, tool_calls, tool_results, latency_ms) "
                + "SELECT $3, $1, $2, s.message_count, $4, $5, $6::text::jsonb, $7::text::jsonb, $8, $9, $10, $11::text::jsonb, $12::text::jsonb, $13 "
                + "FROM s RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenantId, sessionId, id, Rows.wire(m.role()), m.content(),
                        write(m.metadata() == null ? Map.of() : m.metadata()), write(m.uiMetadata()), m.model(), m.inputTokens(),
                        m.outputTokens(), write(m.toolCalls()), write(m.toolResults()), m.latencyMs() }))
                .map(rows -> Rows.first(rows, this::map));
    }

    /** When the session started (the lower bound that prunes older partitions); empty when unknown. */
    public Uni<Optional<Instant>> sessionStart(SqlConnection conn, UUID tenantId, UUID sessionId) {
        return conn.preparedQuery("SELECT created_at FROM sessions WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, sessionId)).map(rows -> Rows.first(rows, r -> instant(r, "created_at")));
    }

    /** A session's messages in order, after sequence number {@code after}. */
    public Uni<List<Message>> list(SqlConnection conn, UUID tenantId, UUID sessionId, Instant since, long after, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM messages WHERE tenant_id = $1 AND session_id = $2 "
                + "AND created_at >= $3 AND sequence_number > $4 ORDER BY sequence_number LIMIT $5")
                .execute(Tuple.from(new Object[] { tenantId, sessionId, Rows.timestamp(since), after, limit }))
                .map(rows -> Rows.list(rows, this::map));
    }

    private Message map(Row r) {
        return new Message(r.getUUID("id"), r.getUUID("session_id"), r.getLong("sequence_number"),
                Rows.enumValue(r, "role", MessageRole.class), r.getString("content"), read(r.getString("metadata"), MAP),
                read(r.getString("ui_metadata"), MAP), r.getString("model"), r.getInteger("input_tokens"),
                r.getInteger("output_tokens"), read(r.getString("tool_calls"), LIST), read(r.getString("tool_results"), LIST),
                r.getInteger("latency_ms"), instant(r, "created_at"));
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
