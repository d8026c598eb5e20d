package dev.agentry.profile.base;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL on {@code profile.customer_profiles}, inside the caller's RLS-bound transaction. Every
 * statement names its tenant ({@code tenant_id = $1}) besides the row-level security policy, so
 * each plan can start from an index that leads with {@code tenant_id}.
 */
@ApplicationScoped
public class ProfileStore {

    public static final String COLUMNS = "id, external_id, merged_into_id, merged_at, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_profiles_external", "external_id");

    /**
     * Walks merge redirects from the rows {@code start} selects (one at most) in tenant {@code $1},
     * up to {@code $3} hops, and answers the last row reached: the survivor, or a tombstone if the chain is longer
     * than allowed (the caller treats that as damaged data).
     */
    private static String walk(String start) {
        return "WITH RECURSIVE chain AS ("
                + " SELECT " + COLUMNS + ", 0 AS depth FROM customer_profiles WHERE tenant_id = $1 AND " + start
                + " UNION ALL"
                + " SELECT p.id, p.external_id, p.merged_into_id, p.merged_at, p.created_at, p.updated_at, c.depth + 1"
                + " FROM chain c JOIN customer_profiles p ON p.tenant_id = $1 AND p.id = c.merged_into_id WHERE c.depth < $3)"
                + " SELECT " + COLUMNS + " FROM chain ORDER BY depth DESC LIMIT 1";
    }

    private static final String BY_ID = walk("id = $2");
    private static final String BY_EXTERNAL_ID = walk("external_id = $2");

    public Uni<ProfileRow> insert(SqlConnection conn, UUID tenantId, UUID id, String externalId) {
        return conn.preparedQuery("INSERT INTO customer_profiles (id, tenant_id, external_id) VALUES ($1, $2, $3) "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.of(id, tenantId, externalId))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /** The profile {@code id} names, following merge redirects (see {@link #walk}). */
    public Uni<Optional<ProfileRow>> findFollowingMerges(SqlConnection conn, UUID tenantId, UUID id, int maxDepth) {
        return conn.preparedQuery(BY_ID).execute(Tuple.of(tenantId, id, maxDepth)).map(rows -> Rows.first(rows, ProfileStore::map));
    }

    /** The profile holding {@code externalId} (a tombstone may keep one), following merge redirects. */
    public Uni<Optional<ProfileRow>> findByExternalIdFollowingMerges(SqlConnection conn, UUID tenantId, String externalId,
            int maxDepth) {
        return conn.preparedQuery(BY_EXTERNAL_ID).execute(Tuple.of(tenantId, externalId, maxDepth))
                .map(rows -> Rows.first(rows, ProfileStore::map));
    }

    /** Locks the row until the transaction ends and answers its latest committed state. */
    public Uni<Optional<ProfileRow>> lock(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM customer_profiles WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, ProfileStore::map));
    }

    /** Locks several rows in id order, the one order every transaction uses, so two merges cannot deadlock. */
    public Uni<List<ProfileRow>> lockAll(SqlConnection conn, UUID tenantId, List<UUID> ids) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM customer_profiles WHERE tenant_id = $1 AND id = ANY($2) "
                + "ORDER BY id FOR UPDATE")
                .execute(Tuple.of(tenantId, ids.toArray(UUID[]::new))).map(rows -> Rows.list(rows, ProfileStore::map));
    }

    /** Live profiles, newest first. */
    public Uni<List<ProfileRow>> list(SqlConnection conn, UUID tenantId, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM customer_profiles WHERE tenant_id = $1 "
                + "AND merged_into_id IS NULL AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(tenantId, page.after(), page.fetchSize())).map(rows -> Rows.list(rows, ProfileStore::map));
    }

    /**
     * Live profiles with a currently valid value of field {@code name} equal to {@code value} once
     * both are normalised by {@code normalize_field_value} (see the V1 migration), newest first.
     * The index finds rows by the cut search key; the full normalised value is then compared.
     */
    public Uni<List<ProfileRow>> searchByField(SqlConnection conn, UUID tenantId, String name, String value,
            PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM customer_profiles p WHERE p.tenant_id = $1 "
                + "AND p.merged_into_id IS NULL "
                + "AND p.id IN (SELECT f.profile_id FROM profile_fields f WHERE f.tenant_id = $1 AND f.field_name = $2 "
                + "AND f.search_key = left(normalize_field_value($2, $3), 256) "
                + "AND normalize_field_value(f.field_name, f.field_value) = normalize_field_value($2, $3) "
                + "AND (f.valid_to IS NULL OR f.valid_to > statement_timestamp())) "
                + "AND ($4::uuid IS NULL OR p.id < $4) ORDER BY p.id DESC LIMIT $5")
                .execute(Tuple.of(tenantId, name, value, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, ProfileStore::map));
    }

    public Uni<ProfileRow> setExternalId(SqlConnection conn, UUID tenantId, UUID id, String externalId) {
        return conn.preparedQuery("UPDATE customer_profiles SET external_id = $3, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, id, externalId))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /**
     * Turns {@code duplicateId} into a tombstone of {@code survivorId} and points every tombstone
     * of the duplicate at the survivor too (chain compression: every redirect is one hop). A
     * non-null {@code externalIdToMove} (the duplicate's, when the survivor has none) moves to the
     * survivor: cleared on the duplicate first, since the unique index checks every statement.
     * Answers how many older tombstones were re-pointed.
     */
    public Uni<Integer> markMerged(SqlConnection conn, UUID tenantId, UUID duplicateId, UUID survivorId,
            String externalIdToMove) {
        Uni<Void> external = externalIdToMove == null ? Uni.createFrom().voidItem()
                : conn.preparedQuery("UPDATE customer_profiles SET external_id = NULL WHERE tenant_id = $1 AND id = $2")
                        .execute(Tuple.of(tenantId, duplicateId))
                        .flatMap(v -> conn.preparedQuery("UPDATE customer_profiles SET external_id = $3 "
                                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, survivorId, externalIdToMove)))
                        .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE)).replaceWithVoid();
        return external
                .flatMap(v -> conn.preparedQuery("UPDATE customer_profiles SET merged_into_id = $3, merged_at = now(), "
                        + "updated_at = now() WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, duplicateId, survivorId)))
                .flatMap(v -> conn.preparedQuery("UPDATE customer_profiles SET merged_into_id = $3 "
                        + "WHERE tenant_id = $1 AND merged_into_id = $2").execute(Tuple.of(tenantId, duplicateId, survivorId)))
                .map(rows -> rows.rowCount());
    }

    /** Ids of the profiles merged into {@code survivorId}, latest merge first, at most {@code limit}. */
    public Uni<List<UUID>> mergedInto(SqlConnection conn, UUID tenantId, UUID survivorId, int limit) {
        return conn.preparedQuery("SELECT id FROM customer_profiles WHERE tenant_id = $1 AND merged_into_id = $2 "
                + "ORDER BY merged_at DESC, id DESC LIMIT $3")
                .execute(Tuple.of(tenantId, survivorId, limit)).map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /**
     * Every profile that redirects to {@code survivorId}, however indirectly: an erasure takes them
     * all. UNION (not UNION ALL) stops even on a cycle that damaged data might hold.
     */
    public Uni<List<UUID>> allMergedInto(SqlConnection conn, UUID tenantId, UUID survivorId) {
        return conn.preparedQuery("WITH RECURSIVE merged (id) AS ("
                + " SELECT id FROM customer_profiles WHERE tenant_id = $1 AND merged_into_id = $2"
                + " UNION SELECT p.id FROM customer_profiles p JOIN merged m ON p.tenant_id = $1 AND p.merged_into_id = m.id)"
                + " SELECT id FROM merged WHERE id <> $2 ORDER BY id")
                .execute(Tuple.of(tenantId, survivorId)).map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /** Stamps a change of the profile or of its identities, fields or assets; answers the row. */
    public Uni<ProfileRow> touch(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE customer_profiles SET updated_at = now() WHERE tenant_id = $1 AND id = $2 "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, id)).map(rows -> map(rows.iterator().next()));
    }

    /** Deletes the profiles in one statement, so that their redirects to each other check out at its end. */
    public Uni<Integer> deleteAll(SqlConnection conn, UUID tenantId, List<UUID> ids) {
        return conn.preparedQuery("DELETE FROM customer_profiles WHERE tenant_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(tenantId, ids.toArray(UUID[]::new))).map(rows -> rows.rowCount());
    }

    public static ProfileRow map(Row row) {
        return map(row, "");
    }

    /** Maps the profile columns of a join, selected with {@code prefix} before each name. */
    public static ProfileRow map(Row row, String prefix) {
        return new ProfileRow(row.getUUID(prefix + "id"), row.getString(prefix + "external_id"),
                row.getUUID(prefix + "merged_into_id"), instant(row, prefix + "merged_at"),
                instant(row, prefix + "created_at"), instant(row, prefix + "updated_at"));
    }

    /** {@link #COLUMNS} of the table aliased {@code alias}, each renamed with {@code prefix}. */
    public static String columns(String alias, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            out.append(out.isEmpty() ? "" : ", ").append(alias).append('.').append(column).append(" AS ").append(prefix).append(column);
        }
        return out.toString();
    }
}
