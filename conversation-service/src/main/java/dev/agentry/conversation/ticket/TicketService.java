package dev.agentry.conversation.ticket;

import dev.agentry.conversation.dependency.CallBudget;
import dev.agentry.common.db.Rows;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.dependency.ConfigClient;
import dev.agentry.conversation.dependency.DependencyUnavailableException;
import dev.agentry.conversation.sync.SyncOutboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Tickets and their status machine: create (then answered by {@link TicketAnswers}), read, list,
 * edit, assign to a user of the tenant, move along the allowed transitions with a recorded reason,
 * and the history of those moves. Each write is one short transaction; the knowledge-base answer
 * runs between two, never inside one.
 */
@ApplicationScoped
public class TicketService {

    @Inject
    TenantTransactions tx;

    @Inject
    TicketStore store;

    @Inject
    TicketAnswers answers;

    @Inject
    ConfigClient config;

    @Inject
    TenantContext caller;

    @Inject
    SyncOutboxStore outbox;

    public Uni<TicketActivity> create(String authorization, TicketCreate create) {
        if (create.sessionId() != null && create.source() != null && create.source() != TicketSource.CHAT) {
            throw new ValidationException("session_id", "only a chat ticket comes from a session");
        }
        UUID tenant = caller.tenantId();
        UUID id = Ids.newId();
        return checkUser(authorization, "assigned_to", create.assignedTo())
                .flatMap(ok -> tx.inTenant(tenant, conn -> sessionKnown(conn, tenant, create.sessionId())
                        .flatMap(known -> store.insert(conn, tenant, id, create, caller.userId()))
                        .call(ticket -> store.recordChange(conn, tenant, Ids.newId(), id, null, TicketStatus.OPEN, caller.subject(),
                                caller.userId(), null, "created"))))
                .flatMap(ticket -> answers.answer(authorization, ticket, null, question(ticket)));
    }

    public Uni<Ticket> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(t -> t.orElseThrow(() -> NotFoundException.of("ticket", id)));
    }

    /** Whether the tenant has ticket {@code id}. */
    public Uni<Boolean> exists(UUID tenant, UUID id) {
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(java.util.Optional::isPresent);
    }

    public Uni<Page<Ticket>> list(TicketStore.Filter filter, PageRequest page) {
        if (filter.updatedAfter() != null && filter.updatedBefore() != null && !filter.updatedAfter().isBefore(filter.updatedBefore())) {
            throw new ValidationException("updated_after", "must be before updated_before");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, filter, page)).map(rows -> Page.of(rows, page, Ticket::id));
    }

    public Uni<Ticket> patch(UUID id, TicketPatch patch) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.patch(conn, tenant, id, patch))
                .map(t -> t.orElseThrow(() -> NotFoundException.of("ticket", id)));
    }

    public Uni<Ticket> assign(String authorization, UUID id, UUID userId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(t -> t.orElseThrow(() -> NotFoundException.of("ticket", id)))
                .flatMap(found -> checkUser(authorization, "user_id", userId))
                .flatMap(ok -> tx.inTenant(tenant, conn -> store.assign(conn, tenant, id, userId)))
                .map(t -> t.orElseThrow(() -> NotFoundException.of("ticket", id)));
    }

    public Uni<Ticket> unassign(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.assign(conn, tenant, id, null))
                .map(t -> t.orElseThrow(() -> NotFoundException.of("ticket", id)));
    }

    /** Moves the ticket; 409 naming the allowed moves when this one is not one of them. */
    public Uni<Ticket> transition(UUID id, TicketTransition move) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.lock(conn, tenant, id).flatMap(found -> {
            Ticket ticket = found.orElseThrow(() -> NotFoundException.of("ticket", id));
            if (!ticket.status().canMoveTo(move.to())) {
                throw refused(ticket.status(), move.to());
            }
            return store.move(conn, tenant, id, ticket.status(), move.to(), null)
                    .call(moved -> store.recordChange(conn, tenant, Ids.newId(), id, ticket.status(), move.to(), caller.subject(),
                            caller.userId(), move.reason(), "manual"))
                    // A ticket escalated by hand goes out like one escalated by a trigger; every move
                    // of a ticket that has gone out follows it.
                    .call(moved -> move.to() == TicketStatus.ESCALATED ? outbox.enqueueCreate(conn, tenant, id)
                            : Uni.createFrom().item(0))
                    .call(moved -> outbox.enqueueUpdate(conn, tenant, id, "status", java.util.Map.of("status", wire(move.to()))))
                    .map(moved -> moved.orElseThrow(() -> new IllegalStateException("ticket " + id + " moved under its row lock")));
        }));
    }

    /** The ticket, for work that runs without a caller (the sync worker, an inbound webhook). */
    public Uni<java.util.Optional<Ticket>> find(UUID tenant, UUID id) {
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id));
    }

    /**
     * A status change made in {@code system} (pulled or announced by its webhook): applied when it
     * is one of the allowed moves from where the ticket is, recorded with the system as the actor
     * and {@code sync} as the trigger, and passed on to the other connectors, not back. Answers
     * whether the ticket moved.
     */
    public Uni<Boolean> applyExternalStatus(UUID tenant, UUID id, TicketStatus to, String system) {
        return tx.inTenant(tenant, conn -> store.lock(conn, tenant, id).flatMap(found -> {
            if (found.isEmpty() || found.get().status() == to || !found.get().status().canMoveTo(to)) {
                return Uni.createFrom().item(false);
            }
            TicketStatus from = found.get().status();
            return store.move(conn, tenant, id, from, to, null)
                    .call(moved -> store.recordChange(conn, tenant, Ids.newId(), id, from, to, system, null,
                            "changed in " + system, "sync"))
                    .call(moved -> outbox.enqueueUpdate(conn, tenant, id, "status", java.util.Map.of("status", wire(to)), system))
                    .map(moved -> moved.isPresent());
        }));
    }

    public Uni<Page<StatusChange>> history(UUID id, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id).flatMap(found -> {
            if (found.isEmpty()) {
                throw NotFoundException.of("ticket", id);
            }
            return store.history(conn, tenant, id, page);
        })).map(rows -> Page.of(rows, page, StatusChange::id));
    }

    static ConflictException refused(TicketStatus from, TicketStatus to) {
        String allowed = from.next().isEmpty() ? "none (" + wire(from) + " is final)"
                : from.next().stream().map(TicketService::wire).collect(Collectors.joining(", "));
        return new ConflictException("to", "a ticket in status " + wire(from) + " cannot move to " + wire(to)
                + "; allowed: " + allowed);
    }

    private static String wire(TicketStatus status) {
        return Rows.wire(status);
    }

    private static String question(Ticket ticket) {
        return ticket.description() == null || ticket.description().isBlank() ? ticket.title()
                : ticket.title() + "\n\n" + ticket.description();
    }

    /** 400 unless config-service says {@code userId} is a user of the tenant; 503 when it cannot say. */
    private Uni<Void> checkUser(String authorization, String field, UUID userId) {
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        return config.userExists(CallBudget.unbounded(), authorization, userId).invoke(known -> {
            if (known.isEmpty()) {
                throw new DependencyUnavailableException("config-service", "whether user " + userId + " exists");
            }
            if (!known.get()) {
                throw new ValidationException(field, "no user " + userId + " in this tenant");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> sessionKnown(SqlConnection conn, UUID tenant, UUID sessionId) {
        if (sessionId == null) {
            return Uni.createFrom().voidItem();
        }
        return store.sessionExists(conn, tenant, sessionId).invoke(exists -> {
            if (!exists) {
                throw new ValidationException("session_id", "no session " + sessionId);
            }
        }).replaceWithVoid();
    }
}
