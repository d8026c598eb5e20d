package dev.agentry.audit.event;

import dev.agentry.audit.store.TimeRange;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/** Decision and incident events of turns and sessions. */
@ApplicationScoped
public class EventService {

    @Inject
    TenantTransactions tx;

    @Inject
    EventStore store;

    @Inject
    TenantContext caller;

    public Uni<Page<AuditEvent>> list(String type, UUID session, UUID turn, Instant from, Instant to, PageRequest page) {
        TimeRange range = TimeRange.of(from, to);
        String eventType = type == null || type.isBlank() ? null : type.strip();
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, eventType, session, turn, range, page))
                .map(rows -> Page.of(rows, page, AuditEvent::id));
    }
}
