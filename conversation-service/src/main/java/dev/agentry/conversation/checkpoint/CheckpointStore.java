package dev.agentry.conversation.checkpoint;

import static dev.agentry.common.db.Rows.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code conversation.checkpoints}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class CheckpointStore {

    private static final String COLUMNS = "session_id, thread_id, checkpoint_id, parent_id, checkpoint, metadata::text AS metadata, created_at";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    /** The thread of a session (empty when the session does not exist for this tenant). */
    public Uni<Optional<String>> threadOf(SqlConnection conn, UUID tenantId, UUID sessionId) {
        return conn.preparedQuery("SELECT thread_id FROM sessions WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, sessionId)).map(rows -> Rows.first(rows, r -> r.getString(0)));
    }

    /** Saves (or replaces) a checkpoint; {@code inserted} says which. */
    public Uni<Saved> put(SqlConnection conn, UUID tenantId, UUID sessionId, String threadId, String checkpointId, CheckpointPut p) {
        return conn.preparedQuery("INSERT INTO checkpoints (tenant_id, thread_id, checkpoint_id, parent_id, session_id, checkpoint, metadata) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb) ON CONFLICT (tenant_id, thread_id, checkpoint_id) DO UPDATE SET "
                + "parent_id = excluded.parent_id, checkpoint = excluded.checkpoint, metadata = excluded.metadata "
                + "RETURNING " + COLUMNS + ", (xmax = 0) AS inserted")
                .execute(Tuple.from(new Object[] { tenantId, threadId, checkpointId, p.parentId(), sessionId,
                        io.vertx.core.buffer.Buffer.buffer(p.checkpoint()), write(p.metadata() == null ? Map.of() : p.metadata()) }))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Saved(map(r), r.getBoolean("inserted"));
                });
    }

    /** A saved checkpoint and whether it is new. */
    public record Saved(Checkpoint checkpoint, boolean inserted) {
    }

    public Uni<Boolean> exists(SqlConnection conn, UUID tenantId, String threadId, String checkpointId) {
        return conn.preparedQuery("SELECT 1 FROM checkpoints WHERE tenant_id = $1 AND thread_id = $2 AND checkpoint_id = $3")
                .execute(Tuple.of(tenantId, threadId, checkpointId)).map(rows -> rows.size() == 1);
    }

    public Uni<Optional<Checkpoint>> find(SqlConnection conn, UUID tenantId, String threadId, String checkpointId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE tenant_id = $1 AND thread_id = $2 AND checkpoint_id = $3")
                .execute(Tuple.of(tenantId, threadId, checkpointId)).map(rows -> Rows.first(rows, this::map));
    }

    public Uni<Optional<Checkpoint>> latest(SqlConnection conn, UUID tenantId, String threadId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE tenant_id = $1 AND thread_id = $2 "
                + "ORDER BY created_at DESC, checkpoint_id DESC LIMIT 1")
                .execute(Tuple.of(tenantId, threadId)).map(rows -> Rows.first(rows, this::map));
    }

    /** From a checkpoint back through its parents to the root (bounded, and safe against a loop). */
    public Uni<List<Checkpoint>> chain(SqlConnection conn, UUID tenantId, String threadId, String checkpointId, int max) {
        return conn.preparedQuery("WITH RECURSIVE chain AS ("
                + "SELECT checkpoint_id, parent_id, 1 AS depth, ARRAY[checkpoint_id::text] AS seen FROM checkpoints "
                + "WHERE tenant_id = $1 AND thread_id = $2 AND checkpoint_id = $3 "
                + "UNION ALL SELECT c.checkpoint_id, c.parent_id, chain.depth + 1, chain.seen || c.checkpoint_id::text "
                + "FROM chain JOIN checkpoints c ON c.tenant_id = $1 AND c.thread_id = $2 AND c.checkpoint_id = chain.parent_id "
                + "WHERE chain.depth < $4 AND NOT c.checkpoint_id::text = ANY(chain.seen)) "
                + "SELECT c.session_id, c.thread_id, c.checkpoint_id, c.parent_id, c.checkpoint, c.metadata::text AS metadata, "
                + "c.created_at"
                + " FROM chain JOIN checkpoints c ON c.tenant_id = $1 AND c.thread_id = $2 AND c.checkpoint_id = chain.checkpoint_id "
                + "ORDER BY chain.depth")
                .execute(Tuple.of(tenantId, threadId, checkpointId, max)).map(rows -> Rows.list(rows, this::map));
    }

    private Checkpoint map(Row r) {
        Buffer state = r.getBuffer("checkpoint");
        return new Checkpoint(r.getUUID("session_id"), r.getString("thread_id"), r.getString("checkpoint_id"),
                r.getString("parent_id"), state == null ? new byte[0] : state.getBytes(), read(r.getString("metadata")),
                instant(r, "created_at"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
