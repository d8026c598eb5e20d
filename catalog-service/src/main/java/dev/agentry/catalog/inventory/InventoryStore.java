package dev.agentry.catalog.inventory;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.id.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Stock changes as single conditional statements: the condition that keeps stock from going
 * negative is evaluated by the row's UPDATE itself, on the row version it locks, so concurrent
 * changes serialise on the row and none can act on a stale read. The CHECK constraints
 * ({@code stock_qty >= 0}) are the last guard.
 */
@ApplicationScoped
public class InventoryStore {

    Uni<Boolean> variantExists(SqlConnection conn, UUID tenant, UUID variantId) {
        return conn.preparedQuery("SELECT 1 FROM tenant_offering_variant WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, variantId)).map(rows -> rows.size() == 1);
    }

    Uni<Boolean> locationExists(SqlConnection conn, UUID tenant, UUID locationId) {
        return conn.preparedQuery("SELECT 1 FROM tenant_inventory_location WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, locationId)).map(rows -> rows.size() == 1);
    }

    /** Adds stock (creating the item); true once done. */
    Uni<Boolean> add(SqlConnection conn, UUID tenant, UUID variantId, UUID locationId, int delta, Integer safetyStock) {
        return conn.preparedQuery("INSERT INTO tenant_inventory_item (id, tenant_id, variant_id, location_id, stock_qty, safety_stock) "
                + "VALUES ($1, $2, $3, $4, $5, coalesce($6, 0)) ON CONFLICT ON CONSTRAINT uq_inventory_item DO UPDATE "
                + "SET stock_qty = tenant_inventory_item.stock_qty + EXCLUDED.stock_qty, "
                + "safety_stock = coalesce($6, tenant_inventory_item.safety_stock), updated_at = now()")
                .execute(Tuple.from(new Object[] { Ids.newId(), tenant, variantId, locationId, delta, safetyStock }))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Removes stock if there is enough at the location; false (nothing changed) otherwise. */
    Uni<Boolean> remove(SqlConnection conn, UUID tenant, UUID variantId, UUID locationId, int delta, Integer safetyStock) {
        return conn.preparedQuery("UPDATE tenant_inventory_item SET stock_qty = stock_qty + $4, "
                + "safety_stock = coalesce($5, safety_stock), updated_at = now() "
                + "WHERE tenant_id = $1 AND variant_id = $2 AND location_id = $3 AND stock_qty + $4 >= 0")
                .execute(Tuple.from(new Object[] { tenant, variantId, locationId, delta, safetyStock }))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Reserves at one location if its stock above safety stock covers {@code quantity}. */
    Uni<List<Availability.Reserved>> reserveAt(SqlConnection conn, UUID tenant, UUID variantId, UUID locationId, int quantity) {
        return conn.preparedQuery("UPDATE tenant_inventory_item SET stock_qty = stock_qty - $4, updated_at = now() "
                + "WHERE tenant_id = $1 AND variant_id = $2 AND location_id = $3 AND stock_qty - safety_stock >= $4 "
                + "RETURNING location_id")
                .execute(Tuple.of(tenant, variantId, locationId, quantity))
                .map(rows -> Rows.list(rows, r -> new Availability.Reserved(r.getUUID(0), quantity)));
    }

    /**
     * Reserves across locations, all or nothing, in one statement: the variant's items are locked
     * (in location order, so concurrent reservations never deadlock), their availability re-read
     * after the lock, and the quantity taken greedily in that order only if the total covers it.
     */
    Uni<List<Availability.Reserved>> reserveAnywhere(SqlConnection conn, UUID tenant, UUID variantId, int quantity) {
        return conn.preparedQuery("WITH locked AS (SELECT id, location_id, greatest(stock_qty - safety_stock, 0) AS avail "
                + "FROM tenant_inventory_item WHERE tenant_id = $1 AND variant_id = $2 ORDER BY location_id FOR UPDATE), "
                + "totals AS (SELECT id, avail, sum(avail) OVER (ORDER BY location_id) AS running, sum(avail) OVER () AS total FROM locked), "
                + "alloc AS (SELECT id, least(avail, $3 - (running - avail))::int AS take FROM totals "
                + "WHERE total >= $3 AND running - avail < $3) "
                + "UPDATE tenant_inventory_item i SET stock_qty = i.stock_qty - a.take, updated_at = now() FROM alloc a "
                + "WHERE i.tenant_id = $1 AND i.id = a.id AND a.take > 0 RETURNING i.location_id, a.take")
                .execute(Tuple.of(tenant, variantId, quantity))
                .map(rows -> Rows.list(rows, r -> new Availability.Reserved(r.getUUID(0), r.getInteger(1))));
    }

    Uni<List<StockItem>> items(SqlConnection conn, UUID tenant, UUID variantId) {
        return conn.preparedQuery("SELECT i.location_id, l.code, i.stock_qty, i.safety_stock, "
                + "greatest(i.stock_qty - i.safety_stock, 0) AS available, i.updated_at FROM tenant_inventory_item i "
                + "JOIN tenant_inventory_location l ON l.tenant_id = i.tenant_id AND l.id = i.location_id "
                + "WHERE i.tenant_id = $1 AND i.variant_id = $2 ORDER BY l.code")
                .execute(Tuple.of(tenant, variantId))
                .map(rows -> Rows.list(rows, r -> new StockItem(r.getUUID(0), r.getString(1), r.getInteger(2), r.getInteger(3),
                        r.getInteger(4), instant(r, "updated_at"))));
    }
}
