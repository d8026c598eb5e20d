package dev.agentry.audit.sync;

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

/** Integration synchronisation runs, state by state. */
@ApplicationScoped
public class SyncService {

    @Inject
    TenantTransactions tx;

    @Inject
    SyncStore store;

    @Inject
    TenantContext caller;

    public Uni<Page<SyncLog>> list(String system, UUID run, Instant from, Instant to, PageRequest page) {
        TimeRange range = TimeRange.of(from, to);
        String sys = system == null || system.isBlank() ? null : system.strip();
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, sys, run, range, page))
                .map(rows -> Page.of(rows, page, SyncLog::id));
    }
}
