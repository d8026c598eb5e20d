package dev.agentry.conversation.sync;

import dev.agentry.common.db.Rows;
import dev.agentry.common.id.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All SQL on {@code conversation.ticket_sync_outbox}. Changes are enqueued in the transaction of the
 * change itself (a move, a message, an escalation), one row per enabled connector (each with its
 * own UUID v7 made here: a connector per system, so two ids cover them), so a change is
 * never lost between the commit and the push; the worker claims, pushes outside any transaction,
 * then deletes or reschedules.
 */
@ApplicationScoped
public class SyncOutboxStore {

    private static final String COLUMNS = "id, ticket_id, system, kind, payload, attempts";

    /** The external ticket, for every enabled connector of the tenant that has neither one nor one on its way. */
    public Uni<Integer> enqueueCreate(SqlConnection conn, UUID tenantId, UUID ticketId) {
        return conn.preparedQuery("INSERT INTO ticket_sync_outbox (id, tenant_id, ticket_id, system, kind) "
                + "SELECT CASE c.system WHEN 'zendesk' THEN $3::uuid ELSE $4::uuid END, $1, $2, c.system, 'create' FROM support_connectors c WHERE c.tenant_id = $1 AND c.enabled "
                + "AND NOT EXISTS (SELECT 1 FROM ticket_external_refs r WHERE r.tenant_id = $1 AND r.ticket_id = $2 "
                + "AND r.system = c.system) "
                + "AND NOT EXISTS (SELECT 1 FROM ticket_sync_outbox o WHERE o.tenant_id = $1 AND o.ticket_id = $2 "
                + "AND o.system = c.system AND o.kind = 'create')")
                .execute(Tuple.of(tenantId, ticketId, Ids.newId(), Ids.newId())).map(rows -> rows.rowCount());
    }

    /**
     * A status move or a message, for every enabled connector where the ticket has an external
     * ticket or one on its way (a ticket never escalated has nothing to update).
     */
    public Uni<Integer> enqueueUpdate(SqlConnection conn, UUID tenantId, UUID ticketId, String kind, Map<String, Object> payload) {
        return enqueueUpdate(conn, tenantId, ticketId, kind, payload, null);
    }

    /** As {@link #enqueueUpdate(SqlConnection, UUID, UUID, String, Map)}, but not to {@code fromSystem}, where the change came from. */
    public Uni<Integer> enqueueUpdate(SqlConnection conn, UUID tenantId, UUID ticketId, String kind, Map<String, Object> payload,
            String fromSystem) {
        return conn.preparedQuery("INSERT INTO ticket_sync_outbox (id, tenant_id, ticket_id, system, kind, payload) "
                + "SELECT CASE c.system WHEN 'zendesk' THEN $3::uuid ELSE $6::uuid END, $1, $2, c.system, $4, $5 "
                + "FROM support_connectors c WHERE c.tenant_id = $1 AND c.enabled AND ($7::text IS NULL OR c.system <> $7) "
                + "AND (EXISTS (SELECT 1 FROM ticket_external_refs r WHERE r.tenant_id = $1 AND r.ticket_id = $2 "
                + "AND r.system = c.system) "
                + "OR EXISTS (SELECT 1 FROM ticket_sync_outbox o WHERE o.tenant_id = $1 AND o.ticket_id = $2 "
                + "AND o.system = c.system AND o.kind = 'create'))")
                .execute(Tuple.from(new Object[] { tenantId, ticketId, Ids.newId(), kind, Rows.jsonb(payload), Ids.newId(), fromSystem }))
                .map(rows -> rows.rowCount());
    }

    /** Tenants with due changes (the SECURITY DEFINER function of V3; ids only). Run with no tenant bound. */
    public Uni<List<UUID>> tenantsWithDueWork(SqlConnection conn) {
        return conn.query("SELECT t FROM tenants_with_due_sync() AS t").execute().map(rows -> Rows.list(rows, r -> r.getUUID("t")));
    }

    /**
     * Claims up to {@code limit} due changes, oldest first, for {@code claim}: other workers skip
     * them until then (and rows locked by a concurrent claim are skipped, not waited for).
     */
    public Uni<List<OutboxEntry>> claim(SqlConnection conn, UUID tenantId, int limit, Duration claim) {
        return conn.preparedQuery("UPDATE ticket_sync_outbox o SET claimed_until = now() + $3::bigint * interval '1 millisecond' "
                + "WHERE o.tenant_id = $1 AND o.id IN (SELECT id FROM ticket_sync_outbox WHERE tenant_id = $1 "
                + "AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now()) "
                + "ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, limit, claim.toMillis()))
                .map(rows -> Rows.list(rows, SyncOutboxStore::map).stream()
                        .sorted(java.util.Comparator.comparing(OutboxEntry::id)).toList());
    }

    public Uni<Void> done(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("DELETE FROM ticket_sync_outbox WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id))
                .replaceWithVoid();
    }

    /** Puts the change back, due after {@code delay}, with the error that kept it. */
    public Uni<Void> retry(SqlConnection conn, UUID tenantId, UUID id, Duration delay, String error) {
        return conn.preparedQuery("UPDATE ticket_sync_outbox SET attempts = attempts + 1, claimed_until = NULL, "
                + "next_attempt_at = now() + $3::bigint * interval '1 millisecond', last_error = $4 WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id, delay.toMillis(), error)).replaceWithVoid();
    }

    /** Releases a claimed change without counting an attempt (it waits for an earlier one of its ticket). */
    public Uni<Void> postpone(SqlConnection conn, UUID tenantId, UUID id, Duration delay) {
        return conn.preparedQuery("UPDATE ticket_sync_outbox SET claimed_until = NULL, next_attempt_at = now() + $3::bigint * interval '1 millisecond' "
                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id, delay.toMillis()))
                .replaceWithVoid();
    }

    /** Changes still waiting for a ticket (the API shows them on the ticket's external refs). */
    public Uni<List<OutboxEntry>> pending(SqlConnection conn, UUID tenantId, UUID ticketId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM ticket_sync_outbox WHERE tenant_id = $1 AND ticket_id = $2 "
                + "ORDER BY id LIMIT 100").execute(Tuple.of(tenantId, ticketId)).map(rows -> Rows.list(rows, SyncOutboxStore::map));
    }

    private static OutboxEntry map(Row r) {
        return new OutboxEntry(r.getUUID("id"), r.getUUID("ticket_id"), r.getString("system"), r.getString("kind"),
                Rows.object(r, "payload"), r.getInteger("attempts"));
    }
}
