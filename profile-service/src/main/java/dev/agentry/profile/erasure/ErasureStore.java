package dev.agentry.profile.erasure;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL of {@code profile_erasures} and {@code profile_erasure_receipts}, inside the caller's
 * RLS-bound transaction; every statement filters {@code tenant_id} itself.
 */
@ApplicationScoped
public class ErasureStore {

    private static final String COLUMNS = "id, requested_profile_id, erased_profile_ids, identities, field_values, assets, "
            + "requested_by, expected_stores, requested_at, announced_at, announce_count, completed_at";

    public Uni<Void> insert(SqlConnection conn, UUID tenantId, ErasureRow e) {
        return conn.preparedQuery("INSERT INTO profile_erasures (tenant_id, id, requested_profile_id, erased_profile_ids, "
                + "identities, field_values, assets, requested_by, expected_stores, requested_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.from(new Object[] { tenantId, e.id(), e.requestedProfileId(), e.erasedProfileIds().toArray(UUID[]::new),
                        e.counts().identities(), e.counts().fieldValues(), e.counts().assets(), e.requestedBy(),
                        e.expectedStores().toArray(String[]::new), Rows.timestamp(e.requestedAt()) }))
                .replaceWithVoid();
    }

    /** Records an announcement on the stream (the first, or a repeat). */
    public Uni<Void> markAnnounced(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE profile_erasures SET announced_at = now(), announce_count = announce_count + 1 "
                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id)).replaceWithVoid();
    }

    public Uni<Optional<ErasureRow>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_erasures WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, ErasureStore::map));
    }

    /** The tenant's erasures, newest first. */
    public Uni<List<ErasureRow>> list(SqlConnection conn, UUID tenantId, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_erasures WHERE tenant_id = $1 "
                + "AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(tenantId, page.after(), page.fetchSize())).map(rows -> Rows.list(rows, ErasureStore::map));
    }

    /** The receipts of these erasures, by erasure id, then store. */
    public Uni<Map<UUID, Map<String, StoreReceipt>>> receipts(SqlConnection conn, UUID tenantId, List<UUID> erasureIds) {
        return conn.preparedQuery("SELECT erasure_id, store, touched, completed_at FROM profile_erasure_receipts "
                + "WHERE tenant_id = $1 AND erasure_id = ANY($2) ORDER BY store")
                .execute(Tuple.of(tenantId, erasureIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Map<String, StoreReceipt>> byErasure = new LinkedHashMap<>();
                    for (Row row : rows) {
                        JsonObject touched = (JsonObject) row.getValue("touched");
                        byErasure.computeIfAbsent(row.getUUID("erasure_id"), k -> new LinkedHashMap<>())
                                .put(row.getString("store"), new StoreReceipt(row.getString("store"), ReceiptStatus.DONE,
                                        touched == null ? Map.of() : touched.getMap(), instant(row, "completed_at")));
                    }
                    return byErasure;
                });
    }

    /**
     * Keeps a store's receipt (a repeat of one already kept changes nothing) and marks the erasure
     * complete when every expected store has answered; answers whether the erasure is known here.
     * The erasure's row is locked first: two stores' receipts arriving at once on two replicas are
     * kept one after the other, so the second sees the first and the erasure cannot stay pending
     * with every receipt in.
     */
    public Uni<Boolean> addReceipt(SqlConnection conn, UUID tenantId, UUID erasureId, String store, JsonObject touched,
            Instant completedAt) {
        return conn.preparedQuery("SELECT 1 FROM profile_erasures WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, erasureId)).flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return conn.preparedQuery("INSERT INTO profile_erasure_receipts (tenant_id, erasure_id, store, touched, "
                            + "completed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, erasure_id, store) DO NOTHING")
                            .execute(Tuple.of(tenantId, erasureId, store, touched, Rows.timestamp(completedAt)))
                            .flatMap(inserted -> conn.preparedQuery("UPDATE profile_erasures e SET completed_at = now() "
                                    + "WHERE e.tenant_id = $1 AND e.id = $2 AND e.completed_at IS NULL AND NOT EXISTS ("
                                    + "SELECT 1 FROM unnest(e.expected_stores) AS s(store) WHERE NOT EXISTS (SELECT 1 "
                                    + "FROM profile_erasure_receipts r WHERE r.tenant_id = $1 AND r.erasure_id = $2 "
                                    + "AND r.store = s.store))").execute(Tuple.of(tenantId, erasureId)))
                            .replaceWith(true);
                });
    }

    /** Tenants with an erasure not complete and not announced since {@code before} (ids only; no tenant bound). */
    public Uni<List<UUID>> tenantsWithOpenErasures(SqlConnection conn, Instant before) {
        return conn.preparedQuery("SELECT t FROM tenants_with_open_erasures($1) AS t")
                .execute(Tuple.of(Rows.timestamp(before))).map(rows -> Rows.list(rows, r -> r.getUUID(0)));
    }

    /** A tenant's open erasures not announced since {@code before}, oldest first, at most {@code limit}. */
    public Uni<List<ErasureRow>> openErasures(SqlConnection conn, UUID tenantId, Instant before, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_erasures WHERE tenant_id = $1 AND completed_at IS NULL "
                + "AND (announced_at IS NULL OR announced_at < $2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(tenantId, Rows.timestamp(before), limit)).map(rows -> Rows.list(rows, ErasureStore::map));
    }

    private static ErasureRow map(Row row) {
        return new ErasureRow(row.getUUID("id"), row.getUUID("requested_profile_id"), Arrays.asList(row.getArrayOfUUIDs("erased_profile_ids")),
                new Erasure.Counts(row.getInteger("identities"), row.getInteger("field_values"), row.getInteger("assets")),
                row.getString("requested_by"), new ArrayList<>(Arrays.asList(row.getArrayOfStrings("expected_stores"))),
                instant(row, "requested_at"), instant(row, "announced_at"), row.getInteger("announce_count"),
                instant(row, "completed_at"));
    }
}
