package dev.agentry.audit.turn;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** A session's recorded turns. */
@ApplicationScoped
public class TurnService {

    @Inject
    TenantTransactions tx;

    @Inject
    TurnStore store;

    @Inject
    TenantContext caller;

    public Uni<Page<TurnRecord>> bySession(UUID session, Integer limit, String cursor) {
        PageRequest page = PageRequest.of(limit, null);
        TurnCursor after = TurnCursor.decode(cursor);
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.bySession(conn, tenant, session, after, page.fetchSize()))
                .map(rows -> {
                    if (rows.size() <= page.limit()) {
                        return new Page<>(List.copyOf(rows), null);
                    }
                    List<TurnRecord> items = List.copyOf(rows.subList(0, page.limit()));
                    TurnRecord last = items.get(items.size() - 1);
                    return new Page<>(items, new TurnCursor(last.turnNumber(), last.id()).encode());
                });
    }
}
