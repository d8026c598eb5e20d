package dev.agentry.conversation.ticket;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code conversation.ticket_messages}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class TicketMessageStore {

    private static final String COLUMNS = "id, ticket_id, sequence_number, role, content, metadata, author, created_at";

    /**
     * Appends a message: its number comes from the ticket row's counter, incremented in the same
     * statement (the row lock orders concurrent appends, so numbers are gapless), which also marks
     * the ticket as changed. Empty when the ticket does not exist for this tenant.
     */
    public Uni<Optional<TicketMessage>> append(SqlConnection conn, UUID tenantId, UUID ticketId, UUID id, TicketMessageRole role,
            String content, Map<String, Object> metadata, String author) {
        return conn.preparedQuery("WITH t AS (UPDATE tickets SET message_count = message_count + 1, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 RETURNING message_count) "
                + "INSERT INTO ticket_messages (id, tenant_id, ticket_id, sequence_number, role, content, metadata, author) "
                + "SELECT $3, $1, $2, t.message_count, $4, $5, $6, $7 FROM t RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenantId, ticketId, id, Rows.wire(role), content, Rows.jsonb(metadata), author }))
                .map(rows -> Rows.first(rows, TicketMessageStore::map));
    }

    /** A ticket's messages in order, after sequence number {@code after}. */
    public Uni<List<TicketMessage>> list(SqlConnection conn, UUID tenantId, UUID ticketId, long after, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM ticket_messages WHERE tenant_id = $1 AND ticket_id = $2 "
                + "AND sequence_number > $3 ORDER BY sequence_number LIMIT $4")
                .execute(Tuple.of(tenantId, ticketId, after, limit)).map(rows -> Rows.list(rows, TicketMessageStore::map));
    }

    private static TicketMessage map(Row r) {
        return new TicketMessage(r.getUUID("id"), r.getUUID("ticket_id"), r.getLong("sequence_number"),
                Rows.enumValue(r, "role", TicketMessageRole.class), r.getString("content"), Rows.object(r, "metadata"),
                r.getString("author"), instant(r, "created_at"));
    }
}
