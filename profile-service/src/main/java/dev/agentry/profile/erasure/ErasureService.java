package dev.agentry.profile.erasure;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Erasure requests as the tenant sees them: each with every expected store's receipt or pending. */
@ApplicationScoped
public class ErasureService {

    @Inject
    TenantTransactions tx;

    @Inject
    ErasureStore store;

    @Inject
    TenantContext caller;

    public Uni<Erasure> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id).flatMap(found -> {
            if (found.isEmpty()) {
                throw NotFoundException.of("erasure", id);
            }
            return withReceipts(conn, tenant, List.of(found.get()));
        })).map(rows -> rows.get(0));
    }

    public Uni<Page<Erasure>> list(PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, page).flatMap(rows -> withReceipts(conn, tenant, rows)))
                .map(rows -> Page.of(rows, page, Erasure::id));
    }

    private Uni<List<Erasure>> withReceipts(SqlConnection conn, UUID tenant, List<ErasureRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return store.receipts(conn, tenant, rows.stream().map(ErasureRow::id).toList()).map(receipts -> {
            List<Erasure> out = new ArrayList<>();
            for (ErasureRow row : rows) {
                Map<String, StoreReceipt> got = receipts.getOrDefault(row.id(), Map.of());
                List<StoreReceipt> stores = new ArrayList<>();
                row.expectedStores().forEach(s -> stores.add(got.getOrDefault(s, StoreReceipt.pending(s))));
                // A store that answered without being expected (added to the list later) is shown too.
                got.values().stream().filter(r -> !row.expectedStores().contains(r.store())).forEach(stores::add);
                out.add(new Erasure(row.id(), row.requestedProfileId(), row.erasedProfileIds(), row.counts(), row.requestedBy(),
                        row.requestedAt(), row.announcedAt(), row.announceCount(), row.completedAt() == null ? ErasureStatus.PENDING : ErasureStatus.COMPLETE,
                        row.completedAt(), stores));
            }
            return out;
        });
    }
}
