package dev.agentry.catalog.inventory;

import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.panache.tenancy.TenantSessions;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Locations (Panache entities) and stock (conditional SQL updates that never oversell). */
@ApplicationScoped
public class InventoryService {

    static final Map<String, String> UNIQUE = Map.of("uq_location_code", "code");

    @Inject
    TenantSessions sessions;

    @Inject
    TenantTransactions tx;

    @Inject
    InventoryStore store;

    @Inject
    TenantContext caller;

    public Uni<Location> createLocation(LocationCreate create) {
        LocationEntity e = new LocationEntity();
        e.id = Ids.newId();
        e.tenantId = caller.tenantId();
        e.code = create.code().strip();
        e.name = create.name();
        e.type = create.type() == null ? "warehouse" : create.type();
        e.createdAt = Instant.now();
        return sessions.inTenant(e.tenantId, () -> e.<LocationEntity> persistAndFlush()).map(LocationEntity::view)
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<List<Location>> locations() {
        UUID tenant = caller.tenantId();
        return sessions.inTenant(tenant, () -> LocationEntity.<LocationEntity> list("tenantId", Sort.by("code"), tenant))
                .map(rows -> rows.stream().map(LocationEntity::view).toList());
    }

    public Uni<Availability> availability(UUID variantId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> requireVariant(conn, tenant, variantId).chain(() -> view(conn, tenant, variantId, List.of())));
    }

    public Uni<Availability> adjust(UUID variantId, StockAdjust adjust) {
        return adjust(caller.tenantId(), variantId, adjust);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<Availability> adjust(UUID tenant, UUID variantId, StockAdjust adjust) {
        return tx.inTenant(tenant, conn -> requireVariant(conn, tenant, variantId)
                .chain(() -> store.locationExists(conn, tenant, adjust.locationId()))
                .chain(exists -> {
                    if (!exists) {
                        throw new ValidationException("location_id", "is not a location of this tenant");
                    }
                    return adjust.delta() >= 0
                            ? store.add(conn, tenant, variantId, adjust.locationId(), adjust.delta(), adjust.safetyStock())
                            : store.remove(conn, tenant, variantId, adjust.locationId(), adjust.delta(), adjust.safetyStock());
                })
                .chain(done -> {
                    if (!done) {
                        return view(conn, tenant, variantId, List.of()).map(now -> {
                            int stock = now.items().stream().filter(i -> i.locationId().equals(adjust.locationId()))
                                    .mapToInt(StockItem::stockQty).sum();
                            throw CatalogErrors.insufficientStock("Removing " + (-adjust.delta())
                                    + " would take the stock below zero: " + stock + " in stock at this location",
                                    new FieldError("delta", "at most " + stock + " can be removed here"), stock);
                        });
                    }
                    return view(conn, tenant, variantId, List.of());
                }))
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    /** Takes {@code quantity} units out of what is available, atomically; 409 with what is available otherwise. */
    public Uni<Availability> reserve(UUID variantId, StockReserve reserve) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> requireVariant(conn, tenant, variantId)
                .chain(() -> reserve.locationId() == null
                        ? store.reserveAnywhere(conn, tenant, variantId, reserve.quantity())
                        : store.reserveAt(conn, tenant, variantId, reserve.locationId(), reserve.quantity()))
                .chain(reserved -> view(conn, tenant, variantId, reserved).map(now -> {
                    if (reserved.isEmpty()) {
                        int available = reserve.locationId() == null ? now.available()
                                : now.items().stream().filter(i -> i.locationId().equals(reserve.locationId()))
                                        .mapToInt(StockItem::available).sum();
                        throw CatalogErrors.insufficientStock("Only " + available + " available, " + reserve.quantity() + " requested",
                                new FieldError("quantity", "only " + available + " available"), available);
                    }
                    return now;
                })));
    }

    private Uni<Void> requireVariant(SqlConnection conn, UUID tenant, UUID variantId) {
        return store.variantExists(conn, tenant, variantId).map(exists -> {
            if (!exists) {
                throw NotFoundException.of("Variant", variantId);
            }
            return null;
        });
    }

    private Uni<Availability> view(SqlConnection conn, UUID tenant, UUID variantId, List<Availability.Reserved> reserved) {
        return store.items(conn, tenant, variantId).map(items -> new Availability(variantId,
                items.stream().mapToInt(StockItem::available).sum(), items, reserved));
    }
}
