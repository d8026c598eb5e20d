package dev.agentry.profile.asset;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL on {@code profile.profile_assets}, inside the caller's RLS-bound transaction; every
 * statement names its tenant ({@code tenant_id = $1}) besides the row-level security policy.
 */
@ApplicationScoped
public class AssetStore {

    private static final String COLUMNS = "id, profile_id, asset_type, asset_reference, metadata, created_at";

    Uni<Asset> insert(SqlConnection conn, UUID tenantId, UUID id, UUID profileId, AssetCreate create) {
        return conn.preparedQuery("INSERT INTO profile_assets (id, tenant_id, profile_id, asset_type, asset_reference, metadata) "
                + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, tenantId, profileId, create.assetType(), create.assetReference().strip(),
                        jsonb(create.metadata())))
                .map(rows -> map(rows.iterator().next()));
    }

    Uni<Optional<Asset>> find(SqlConnection conn, UUID tenantId, UUID profileId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_assets WHERE tenant_id = $1 AND profile_id = $2 AND id = $3")
                .execute(Tuple.of(tenantId, profileId, id)).map(rows -> Rows.first(rows, AssetStore::map));
    }

    /** A profile's assets, newest first, of one type when {@code type} is given. */
    Uni<List<Asset>> list(SqlConnection conn, UUID tenantId, UUID profileId, String type, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_assets WHERE tenant_id = $1 AND profile_id = $2 "
                + "AND ($3::varchar IS NULL OR asset_type = $3) AND ($4::uuid IS NULL OR id < $4) ORDER BY id DESC LIMIT $5")
                .execute(Tuple.of(tenantId, profileId, type, page.after(), page.fetchSize())).map(rows -> Rows.list(rows, AssetStore::map));
    }

    Uni<Boolean> delete(SqlConnection conn, UUID tenantId, UUID profileId, UUID id) {
        return conn.preparedQuery("DELETE FROM profile_assets WHERE tenant_id = $1 AND profile_id = $2 AND id = $3")
                .execute(Tuple.of(tenantId, profileId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** Moves every asset of {@code fromProfile} to {@code toProfile} (a merge); answers how many. */
    public Uni<Integer> reassign(SqlConnection conn, UUID tenantId, UUID fromProfile, UUID toProfile) {
        return conn.preparedQuery("UPDATE profile_assets SET profile_id = $3 WHERE tenant_id = $1 AND profile_id = $2")
                .execute(Tuple.of(tenantId, fromProfile, toProfile)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> deleteForProfiles(SqlConnection conn, UUID tenantId, List<UUID> profileIds) {
        return conn.preparedQuery("DELETE FROM profile_assets WHERE tenant_id = $1 AND profile_id = ANY($2)")
                .execute(Tuple.of(tenantId, profileIds.toArray(UUID[]::new))).map(rows -> rows.rowCount());
    }

    static Asset map(Row row) {
        return new Asset(row.getUUID("id"), row.getUUID("profile_id"), row.getString("asset_type"),
                row.getString("asset_reference"), object(row, "metadata"), instant(row, "created_at"));
    }
}
