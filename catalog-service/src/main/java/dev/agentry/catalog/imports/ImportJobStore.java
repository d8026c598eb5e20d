package dev.agentry.catalog.imports;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL of import jobs, inside the caller's RLS-bound transaction (the queue function aside). */
@ApplicationScoped
public class ImportJobStore {

    private static final String COLUMNS = "id, kind, format, source_type, source_url, status, records_total, records_processed, errors, "
            + "created_at, updated_at, started_at, finished_at";

    Uni<Void> insert(SqlConnection conn, UUID tenant, UUID id, String kind, String format, String sourceType, String sourceUrl,
            JsonArray records, int total, JsonArray errors) {
        return conn.preparedQuery("INSERT INTO migration_job (id, tenant_id, kind, source_type, source_url, format, status, raw_data, "
                + "errors, records_total) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9)")
                .execute(Tuple.from(new Object[] { id, tenant, kind, sourceType, sourceUrl, format, records, errors, total }))
                .replaceWithVoid();
    }

    Uni<Optional<ImportJob>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM migration_job WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> Rows.first(rows, ImportJobStore::job));
    }

    Uni<List<ImportJob>> list(SqlConnection conn, UUID tenant, String status, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM migration_job WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) "
                + "AND ($3::uuid IS NULL OR id > $3) ORDER BY id LIMIT $4")
                .execute(Tuple.of(tenant, status, page.after(), page.fetchSize())).map(rows -> Rows.list(rows, ImportJobStore::job));
    }

    /** Cancels a pending or processing job; false when it is not (or no longer) unfinished. */
    Uni<Boolean> cancel(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("UPDATE migration_job SET status = 'cancelled', lease_until = NULL, finished_at = now(), "
                + "updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'processing')")
                .execute(Tuple.of(tenant, id)).map(rows -> rows.rowCount() == 1);
    }

    /** Unfinished jobs of every tenant (ids only: the SECURITY DEFINER queue function of V5). */
    Uni<List<Claimable>> unfinished(SqlConnection conn, int limit) {
        return conn.preparedQuery("SELECT tenant_id, id FROM unfinished_import_jobs($1)").execute(Tuple.of(limit))
                .map(rows -> Rows.list(rows, r -> new Claimable(r.getUUID("tenant_id"), r.getUUID("id"))));
    }

    record Claimable(UUID tenant, UUID id) {
    }

    /** What a claimed job needs: where to resume and the records. */
    record Claimed(String kind, int processed, JsonArray records) {
    }

    /**
     * Takes a pending job, or a processing one whose lease ran out (its replica stopped), and leases
     * it for {@code leaseMillis}; empty when another replica holds it or it is finished.
     */
    Uni<Optional<Claimed>> claim(SqlConnection conn, UUID tenant, UUID id, long leaseMillis) {
        return conn.preparedQuery("UPDATE migration_job SET status = 'processing', lease_until = now() + $3 * interval '1 millisecond', "
                + "started_at = coalesce(started_at, now()), updated_at = now() WHERE tenant_id = $1 AND id = $2 AND (status = 'pending' "
                + "OR (status = 'processing' AND (lease_until IS NULL OR lease_until < now()))) RETURNING kind, records_processed, raw_data")
                .execute(Tuple.of(tenant, id, leaseMillis))
                .map(rows -> Rows.first(rows, r -> new Claimed(r.getString("kind"), r.getInteger("records_processed"),
                        r.getJsonArray("raw_data"))));
    }

    /**
     * Records progress and the rows' errors, extends the lease; false when the job is no longer
     * processing (cancelled): the worker stops.
     */
    Uni<Boolean> progress(SqlConnection conn, UUID tenant, UUID id, int processed, JsonArray errors, long leaseMillis) {
        return conn.preparedQuery("UPDATE migration_job SET records_processed = $3, errors = errors || $4::jsonb, "
                + "lease_until = now() + $5 * interval '1 millisecond', updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 AND status = 'processing'")
                .execute(Tuple.of(tenant, id, processed, errors, leaseMillis)).map(rows -> rows.rowCount() == 1);
    }

    Uni<Void> finish(SqlConnection conn, UUID tenant, UUID id, String status, String errorLog) {
        return conn.preparedQuery("UPDATE migration_job SET status = $3, error_log = $4, lease_until = NULL, finished_at = now(), "
                + "updated_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'processing'")
                .execute(Tuple.of(tenant, id, status, errorLog)).replaceWithVoid();
    }

    // --- what a row refers to, by code ---------------------------------------------------------------

    Uni<Optional<UUID>> domainByCode(SqlConnection conn, String code) {
        return conn.preparedQuery("SELECT id FROM knowledge_domain WHERE code = $1 AND NOT is_archived").execute(Tuple.of(code))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    Uni<Optional<UUID>> offeringByCode(SqlConnection conn, UUID tenant, String code) {
        return conn.preparedQuery("SELECT id FROM tenant_offering WHERE tenant_id = $1 AND code = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenant, code)).map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    record VariantRef(UUID id, UUID offeringId) {
    }

    Uni<Optional<VariantRef>> variantBySku(SqlConnection conn, UUID tenant, String sku) {
        return conn.preparedQuery("SELECT id, offering_id FROM tenant_offering_variant WHERE tenant_id = $1 AND sku = $2")
                .execute(Tuple.of(tenant, sku)).map(rows -> Rows.first(rows, r -> new VariantRef(r.getUUID("id"), r.getUUID("offering_id"))));
    }

    Uni<Optional<UUID>> priceListByCode(SqlConnection conn, UUID tenant, String code) {
        return conn.preparedQuery("SELECT id FROM tenant_price_list WHERE tenant_id = $1 AND code = $2").execute(Tuple.of(tenant, code))
                .map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    record CurrentPrice(BigDecimal amount, BigDecimal compareAt) {
    }

    Uni<Optional<CurrentPrice>> price(SqlConnection conn, UUID tenant, UUID listId, UUID variantId) {
        return conn.preparedQuery("SELECT p.amount, p.compare_at FROM tenant_variant_price p JOIN tenant_price_list l "
                + "ON l.tenant_id = p.tenant_id AND l.id = p.price_list_id AND l.currency = p.currency "
                + "WHERE p.tenant_id = $1 AND p.price_list_id = $2 AND p.variant_id = $3")
                .execute(Tuple.of(tenant, listId, variantId))
                .map(rows -> Rows.first(rows, r -> new CurrentPrice(r.getBigDecimal("amount"), r.getBigDecimal("compare_at"))));
    }

    Uni<Optional<UUID>> locationByCode(SqlConnection conn, UUID tenant, String code) {
        return conn.preparedQuery("SELECT id FROM tenant_inventory_location WHERE tenant_id = $1 AND code = $2")
                .execute(Tuple.of(tenant, code)).map(rows -> Rows.first(rows, r -> r.getUUID("id")));
    }

    record CurrentStock(int stockQty, int safetyStock) {
    }

    Uni<Optional<CurrentStock>> stock(SqlConnection conn, UUID tenant, UUID variantId, UUID locationId) {
        return conn.preparedQuery("SELECT stock_qty, safety_stock FROM tenant_inventory_item WHERE tenant_id = $1 AND variant_id = $2 "
                + "AND location_id = $3").execute(Tuple.of(tenant, variantId, locationId))
                .map(rows -> Rows.first(rows, r -> new CurrentStock(r.getInteger("stock_qty"), r.getInteger("safety_stock"))));
    }

    /** The ids a FAQ row names by code (null where the code is absent or unknown). */
    record Refs(UUID botId, UUID domainId, UUID offeringId) {
    }

    Uni<Refs> refs(SqlConnection conn, UUID tenant, String botCode, String domainCode, String offeringCode) {
        return conn.preparedQuery("SELECT (SELECT id FROM bot WHERE tenant_id = $1 AND code = $2) AS bot_id, "
                + "(SELECT id FROM knowledge_domain WHERE code = $3) AS domain_id, "
                + "(SELECT id FROM tenant_offering WHERE tenant_id = $1 AND code = $4 AND deleted_at IS NULL) AS offering_id")
                .execute(Tuple.of(tenant, botCode, domainCode, offeringCode))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Refs(r.getUUID("bot_id"), r.getUUID("domain_id"), r.getUUID("offering_id"));
                });
    }

    /** What an FAQ entry holds now, for the import's comparison. */
    record FaqState(UUID id, String answer, String category, UUID domainId, UUID offeringId, int priority, boolean active) {
    }

    /** The entry of the bot (null: bot-less) with exactly this question, the oldest if several. */
    Uni<Optional<FaqState>> faqByQuestion(SqlConnection conn, UUID tenant, UUID botId, String question) {
        return conn.preparedQuery("SELECT id, answer, category, domain_id, offering_id, priority, is_active FROM bot_faq "
                + "WHERE tenant_id = $1 AND " + (botId == null ? "bot_id IS NULL AND $2::uuid IS NULL" : "bot_id = $2")
                + " AND question = $3 ORDER BY id LIMIT 1")
                .execute(Tuple.of(tenant, botId, question))
                .map(rows -> Rows.first(rows, r -> new FaqState(r.getUUID("id"), r.getString("answer"), r.getString("category"),
                        r.getUUID("domain_id"), r.getUUID("offering_id"), r.getInteger("priority"), r.getBoolean("is_active"))));
    }

    static ImportJob job(Row row) {
        List<ImportRowError> errors = new ArrayList<>();
        JsonArray array = row.getJsonArray("errors");
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonObject e = array.getJsonObject(i);
            errors.add(new ImportRowError(e.getInteger("row"), e.getString("field"), e.getString("message")));
        }
        return new ImportJob(row.getUUID("id"), row.getString("kind"),
                row.getString("format"), row.getString("source_type"), row.getString("source_url"), row.getString("status"), row.getInteger("records_total"),
                row.getInteger("records_processed"), errors.size(), errors, instant(row, "created_at"), instant(row, "updated_at"),
                instant(row, "started_at"), instant(row, "finished_at"));
    }

    static JsonArray json(List<ImportRowError> errors) {
        JsonArray out = new JsonArray();
        errors.forEach(e -> out.add(new JsonObject().put("row", e.row()).put("field", e.field()).put("message", e.message())));
        return out;
    }
}
