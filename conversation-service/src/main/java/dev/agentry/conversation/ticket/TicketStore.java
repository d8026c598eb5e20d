package dev.agentry.conversation.ticket;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import dev.agentry.conversation.support.EscalationReason;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL on {@code conversation.tickets} and {@code ticket_status_changes}, inside the caller's
 * RLS-bound transaction; every statement names its tenant. A status moves by compare-and-set on
 * the status read, so two moves racing from the same status cannot both win.
 */
@ApplicationScoped
public class TicketStore {

    private static final String COLUMNS = "id, title, description, status, priority, source, session_id, assigned_to, created_by, "
            + "metadata, escalation, message_count, created_at, updated_at";
    private static final String CHANGE_COLUMNS = "id, from_status, to_status, actor, actor_id, reason, trigger, created_at";

    /** The list filters; null fields do not filter. */
    public record Filter(TicketStatus status, TicketPriority priority, UUID assignedTo, Instant updatedAfter,
            Instant updatedBefore) {
    }

    public Uni<Ticket> insert(SqlConnection conn, UUID tenantId, UUID id, TicketCreate c, UUID createdBy) {
        return conn.preparedQuery("INSERT INTO tickets (id, tenant_id, title, description, priority, source, session_id, "
                + "assigned_to, created_by, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenantId, c.title().strip(), c.description(),
                        Rows.wire(c.priority() == null ? TicketPriority.MEDIUM : c.priority()), Rows.wire(c.source()), c.sessionId(),
                        c.assignedTo(), createdBy, Rows.jsonb(c.metadata()) }))
                .map(rows -> map(rows.iterator().next()));
    }

    /** What a ticket's erased personal text reads as afterwards. */
    public static final String ERASED = "[erased]";

    /**
     * A customer's erasure, for the tickets that came from their sessions (which are about to be
     * deleted, and with them the link, set to null): the title, description and metadata, and the
     * text of the customer's and the assistant's messages (an answer quotes what it answers) are
     * replaced; the ticket, its status, history, counts and staff notes stay, so the desk's reports
     * still add up. Returns the tickets and the messages redacted. Run in the erasure's transaction,
     * before the sessions go.
     */
    public Uni<Redacted> redactOfCustomer(SqlConnection conn, UUID tenantId, UUID profileId) {
        return conn.preparedQuery("WITH erased AS (UPDATE tickets t SET title = $3, description = NULL, metadata = '{}', "
                + "updated_at = now() FROM sessions s WHERE t.tenant_id = $1 AND s.tenant_id = $1 AND s.customer_profile_id = $2 "
                + "AND t.session_id = s.id RETURNING t.id), "
                + "messages AS (UPDATE ticket_messages m SET content = $3, metadata = '{}' WHERE m.tenant_id = $1 "
                + "AND m.role IN ('user', 'assistant') AND m.ticket_id IN (SELECT id FROM erased) RETURNING 1) "
                + "SELECT (SELECT count(*) FROM erased) AS tickets, (SELECT count(*) FROM messages) AS messages")
                .execute(Tuple.of(tenantId, profileId, ERASED))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Redacted(r.getLong("tickets").intValue(), r.getLong("messages").intValue());
                });
    }

    /** What {@link #redactOfCustomer} touched. */
    public record Redacted(int tickets, int messages) {
    }

    /** Whether the tenant has session {@code id} (its durable record; a chat ticket names it). */
    public Uni<Boolean> sessionExists(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT 1 FROM sessions WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Optional<Ticket>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tickets WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, TicketStore::map));
    }

    /** Whether the ticket exists and the row is locked until the transaction ends. */
    public Uni<Optional<Ticket>> lock(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tickets WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, TicketStore::map));
    }

    /**
     * Newest change first. The cursor is the last ticket of the previous page: the page goes on
     * from its current {@code (updated_at, id)} (a ticket changed while paging moves to the front).
     */
    public Uni<List<Ticket>> list(SqlConnection conn, UUID tenantId, Filter f, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tickets t WHERE tenant_id = $1 "
                + "AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR priority = $3) "
                + "AND ($4::uuid IS NULL OR assigned_to = $4) "
                + "AND ($5::timestamptz IS NULL OR updated_at > $5) AND ($6::timestamptz IS NULL OR updated_at < $6) "
                + "AND ($7::uuid IS NULL OR (updated_at, id) < (SELECT c.updated_at, c.id FROM tickets c "
                + "WHERE c.tenant_id = $1 AND c.id = $7)) "
                + "ORDER BY updated_at DESC, id DESC LIMIT $8")
                .execute(Tuple.from(new Object[] { tenantId, Rows.wire(f.status()), Rows.wire(f.priority()), f.assignedTo(),
                        Rows.timestamp(f.updatedAfter()), Rows.timestamp(f.updatedBefore()), page.after(), page.fetchSize() }))
                .map(rows -> Rows.list(rows, TicketStore::map));
    }

    public Uni<Optional<Ticket>> patch(SqlConnection conn, UUID tenantId, UUID id, TicketPatch p) {
        return conn.preparedQuery("UPDATE tickets SET title = coalesce($3, title), description = coalesce($4, description), "
                + "priority = coalesce($5, priority), metadata = coalesce($6, metadata), updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenantId, id, p.title() == null ? null : p.title().strip(), p.description(),
                        Rows.wire(p.priority()), p.metadata() == null ? null : Rows.jsonb(p.metadata()) }))
                .map(rows -> Rows.first(rows, TicketStore::map));
    }

    public Uni<Optional<Ticket>> assign(SqlConnection conn, UUID tenantId, UUID id, UUID userId) {
        return conn.preparedQuery("UPDATE tickets SET assigned_to = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, id, userId)).map(rows -> Rows.first(rows, TicketStore::map));
    }

    /**
     * Moves the ticket from {@code from} to {@code to}; empty when it is no longer in {@code from}.
     * With {@code escalation}, records why it escalated.
     */
    public Uni<Optional<Ticket>> move(SqlConnection conn, UUID tenantId, UUID id, TicketStatus from, TicketStatus to,
            List<EscalationReason> escalation) {
        JsonObject why = escalation == null ? null : new JsonObject().put("reasons", reasons(escalation))
                .put("at", Instant.now().toString());
        return conn.preparedQuery("UPDATE tickets SET status = $4, escalation = coalesce($5, escalation), updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 AND status = $3 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenantId, id, Rows.wire(from), Rows.wire(to), why }))
                .map(rows -> Rows.first(rows, TicketStore::map));
    }

    public Uni<StatusChange> recordChange(SqlConnection conn, UUID tenantId, UUID changeId, UUID ticketId, TicketStatus from,
            TicketStatus to, String actor, UUID actorId, String reason, String trigger) {
        return conn.preparedQuery("INSERT INTO ticket_status_changes (id, tenant_id, ticket_id, from_status, to_status, actor, "
                + "actor_id, reason, trigger) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + CHANGE_COLUMNS)
                .execute(Tuple.from(new Object[] { changeId, tenantId, ticketId, Rows.wire(from), Rows.wire(to), actor, actorId,
                        reason, trigger }))
                .map(rows -> mapChange(rows.iterator().next()));
    }

    /** A ticket's moves, oldest first, after the change {@code page.after()}. */
    public Uni<List<StatusChange>> history(SqlConnection conn, UUID tenantId, UUID ticketId, PageRequest page) {
        return conn.preparedQuery("SELECT " + CHANGE_COLUMNS + " FROM ticket_status_changes WHERE tenant_id = $1 AND ticket_id = $2 "
                + "AND ($3::uuid IS NULL OR id > $3) ORDER BY id LIMIT $4")
                .execute(Tuple.of(tenantId, ticketId, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, TicketStore::mapChange));
    }

    private static JsonArray reasons(List<EscalationReason> reasons) {
        JsonArray out = new JsonArray();
        reasons.forEach(r -> out.add(new JsonObject().put("trigger", r.trigger()).put("detail", r.detail())));
        return out;
    }

    static Ticket map(Row r) {
        return new Ticket(r.getUUID("id"), r.getString("title"), r.getString("description"),
                Rows.enumValue(r, "status", TicketStatus.class), Rows.enumValue(r, "priority", TicketPriority.class),
                Rows.enumValue(r, "source", TicketSource.class), r.getUUID("session_id"), r.getUUID("assigned_to"),
                r.getUUID("created_by"), Rows.object(r, "metadata"), escalation(r.getValue("escalation")),
                r.getLong("message_count"), instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static Ticket.Escalation escalation(Object value) {
        if (!(value instanceof JsonObject json)) {
            return null;
        }
        List<EscalationReason> reasons = new ArrayList<>();
        for (Object item : json.getJsonArray("reasons", new JsonArray())) {
            JsonObject reason = (JsonObject) item;
            reasons.add(new EscalationReason(reason.getString("trigger"), reason.getString("detail")));
        }
        String at = json.getString("at");
        return new Ticket.Escalation(reasons, at == null ? null : Instant.parse(at));
    }

    private static StatusChange mapChange(Row r) {
        return new StatusChange(r.getUUID("id"), Rows.enumValue(r, "from_status", TicketStatus.class),
                Rows.enumValue(r, "to_status", TicketStatus.class), r.getString("actor"), r.getUUID("actor_id"),
                r.getString("reason"), r.getString("trigger"), instant(r, "created_at"));
    }
}
