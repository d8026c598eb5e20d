package dev.agentry.conversation.message;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The messages of a session, in PostgreSQL (the durable record). Appending is for the agent runtime
 * (the turn pipeline writes through it); reading is in order, by sequence number.
 */
@ApplicationScoped
public class MessageService {

    @Inject
    TenantTransactions tx;

    @Inject
    MessageStore store;

    @Inject
    TenantContext caller;

    public Uni<Message> append(UUID sessionId, MessageCreate message) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.append(conn, tenant, sessionId, Ids.newId(), message))
                .map(m -> m.orElseThrow(() -> NotFoundException.of("session", sessionId)));
    }

    /**
     * A page of messages in order. The cursor carries the last sequence number seen (in the UUID
     * that {@link Page} encodes: high bits zero, low bits the number), so it stays opaque.
     */
    public Uni<Page<Message>> list(UUID sessionId, PageRequest page) {
        UUID tenant = caller.tenantId();
        long after = page.after() == null ? 0 : Math.max(0, page.after().getLeastSignificantBits());
        return tx.inTenant(tenant, conn -> store.sessionStart(conn, tenant, sessionId).flatMap(start -> {
            if (start.isEmpty()) {
                throw NotFoundException.of("session", sessionId);
            }
            return store.list(conn, tenant, sessionId, start.get(), after, page.fetchSize());
        })).map(rows -> Page.of(rows, page, (Message m) -> new UUID(0, m.sequenceNumber())));
    }
}
