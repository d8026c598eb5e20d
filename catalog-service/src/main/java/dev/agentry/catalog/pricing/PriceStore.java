package dev.agentry.catalog.pricing;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.id.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL on prices: writes (one row per list, variant and currency) and price resolution. */
@ApplicationScoped
public class PriceStore {

    private static final String PRICE = "p.variant_id, p.price_list_id, l.code AS list_code, l.channel_id, p.currency, p.amount, "
            + "p.compare_at, l.valid_from, l.valid_to";

    Uni<Boolean> variantExists(SqlConnection conn, UUID tenant, UUID variantId) {
        return conn.preparedQuery("SELECT 1 FROM tenant_offering_variant WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, variantId)).map(rows -> rows.size() == 1);
    }

    /** The list's currency, if the list exists. */
    Uni<Optional<String>> listCurrency(SqlConnection conn, UUID tenant, UUID listId) {
        return conn.preparedQuery("SELECT currency FROM tenant_price_list WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, listId)).map(rows -> Rows.first(rows, r -> r.getString(0)));
    }

    Uni<Optional<UUID>> channelId(SqlConnection conn, UUID tenant, String code) {
        return conn.preparedQuery("SELECT id FROM tenant_sales_channel WHERE tenant_id = $1 AND code = $2")
                .execute(Tuple.of(tenant, code)).map(rows -> Rows.first(rows, r -> r.getUUID(0)));
    }

    /** Writes (or replaces) a price; the list's currency is the price's (composite foreign key). */
    Uni<VariantPrice> upsert(SqlConnection conn, UUID tenant, UUID listId, String currency, PriceWrite w) {
        return conn.preparedQuery("INSERT INTO tenant_variant_price (id, tenant_id, price_list_id, variant_id, currency, amount, compare_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT uq_variant_price DO UPDATE "
                + "SET amount = EXCLUDED.amount, compare_at = EXCLUDED.compare_at, updated_at = now()")
                .execute(Tuple.from(new Object[] { Ids.newId(), tenant, listId, w.variantId(), currency, w.amount(), w.compareAt() }))
                .chain(() -> conn.preparedQuery("SELECT " + PRICE + " FROM tenant_variant_price p JOIN tenant_price_list l "
                        + "ON l.tenant_id = p.tenant_id AND l.id = p.price_list_id "
                        + "WHERE p.tenant_id = $1 AND p.price_list_id = $2 AND p.variant_id = $3 AND p.currency = $4")
                        .execute(Tuple.of(tenant, listId, w.variantId(), currency)))
                .map(rows -> map(rows.iterator().next(), null));
    }

    Uni<List<VariantPrice>> prices(SqlConnection conn, UUID tenant, UUID listId) {
        return conn.preparedQuery("SELECT " + PRICE + " FROM tenant_variant_price p JOIN tenant_price_list l "
                + "ON l.tenant_id = p.tenant_id AND l.id = p.price_list_id WHERE p.tenant_id = $1 AND p.price_list_id = $2 "
                + "ORDER BY p.variant_id LIMIT 1000")
                .execute(Tuple.of(tenant, listId)).map(rows -> Rows.list(rows, r -> map(r, null)));
    }

    /**
     * The one price that applies at {@code at}: from the channel's list valid then
     * ({@code valid_from <= at < valid_to}), else from the tenant's default list valid then. The
     * exclusion constraint guarantees at most one list of each kind is valid at any instant.
     */
    Uni<Optional<VariantPrice>> resolve(SqlConnection conn, UUID tenant, UUID variantId, UUID channelId, String currency, Instant at) {
        return conn.preparedQuery("SELECT " + PRICE + " FROM tenant_variant_price p JOIN tenant_price_list l "
                + "ON l.tenant_id = p.tenant_id AND l.id = p.price_list_id "
                + "WHERE p.tenant_id = $1 AND p.variant_id = $2 AND p.currency = $3 "
                + "AND (l.channel_id = $4 OR l.channel_id IS NULL) "
                + "AND (l.valid_from IS NULL OR l.valid_from <= $5) AND (l.valid_to IS NULL OR l.valid_to > $5) "
                + "ORDER BY (l.channel_id IS NULL), l.valid_from DESC NULLS LAST LIMIT 1")
                .execute(Tuple.of(tenant, variantId, currency, channelId, Rows.timestamp(at)))
                .map(rows -> Rows.first(rows, r -> map(r, r.getUUID("channel_id") == null ? "default" : "channel")));
    }

    static VariantPrice map(Row row, String source) {
        return new VariantPrice(row.getUUID("variant_id"), row.getUUID("price_list_id"), row.getString("list_code"),
                row.getUUID("channel_id"), row.getString("currency"), row.getBigDecimal("amount"), row.getBigDecimal("compare_at"),
                instant(row, "valid_from"), instant(row, "valid_to"), source);
    }
}
