package dev.agentry.conversation.ticket;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.sync.SyncOutboxStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket's messages: appended in order (a closed ticket takes none), and a customer's
 * ({@code user}) message answered from the knowledge base and checked for escalation like a new
 * ticket ({@link TicketAnswers}).
 */
@ApplicationScoped
public class TicketMessageService {

    @Inject
    TenantTransactions tx;

    @Inject
    TicketStore tickets;

    @Inject
    TicketMessageStore store;

    @Inject
    TicketAnswers answers;

    @Inject
    TenantContext caller;

    @Inject
    SyncOutboxStore outbox;

    public Uni<TicketActivity> add(String authorization, UUID ticketId, TicketMessageCreate create) {
        UUID tenant = caller.tenantId();
        Map<String, Object> metadata = create.metadata() == null ? Map.of() : create.metadata();
        return tx.inTenant(tenant, conn -> tickets.lock(conn, tenant, ticketId).flatMap(found -> {
            Ticket ticket = found.orElseThrow(() -> NotFoundException.of("ticket", ticketId));
            if (ticket.status() == TicketStatus.CLOSED) {
                throw new ConflictException("ticket " + ticketId + " is closed; open a new ticket");
            }
            return store.append(conn, tenant, ticketId, Ids.newId(), create.role(), create.content(), metadata, caller.subject())
                    .call(m -> outbox.enqueueUpdate(conn, tenant, ticketId, "comment", TicketMessages.syncPayload(m.orElseThrow())))
                    .flatMap(m -> tickets.find(conn, tenant, ticketId).map(t -> new TicketActivity(t.orElse(ticket),
                            m.orElseThrow(), null, List.of(), List.of())));
        })).flatMap(stored -> create.role() == TicketMessageRole.USER
                ? answers.answer(authorization, stored.ticket(), stored.message(), create.content())
                : Uni.createFrom().item(stored));
    }

    /**
     * A comment made in {@code system}, kept as a {@code system} message (who wrote it there is not
     * known here), passed on to the other connectors, not back; no AI answer.
     */
    public Uni<Boolean> addExternalComment(UUID tenant, UUID ticketId, String system, String content) {
        return tx.inTenant(tenant, conn -> store.append(conn, tenant, ticketId, Ids.newId(), TicketMessageRole.SYSTEM, content,
                Map.of("source", system), system)
                .call(m -> m.isEmpty() ? Uni.createFrom().item(0)
                        : outbox.enqueueUpdate(conn, tenant, ticketId, "comment", TicketMessages.syncPayload(m.get()), system))
                .map(java.util.Optional::isPresent));
    }

    /** A page of messages in order; the cursor carries the last sequence number seen. */
    public Uni<Page<TicketMessage>> list(UUID ticketId, PageRequest page) {
        UUID tenant = caller.tenantId();
        long after = page.after() == null ? 0 : Math.max(0, page.after().getLeastSignificantBits());
        return tx.inTenant(tenant, conn -> tickets.find(conn, tenant, ticketId).flatMap(found -> {
            if (found.isEmpty()) {
                throw NotFoundException.of("ticket", ticketId);
            }
            return store.list(conn, tenant, ticketId, after, page.fetchSize());
        })).map(rows -> Page.of(rows, page, (TicketMessage m) -> new UUID(0, m.sequenceNumber())));
    }
}
