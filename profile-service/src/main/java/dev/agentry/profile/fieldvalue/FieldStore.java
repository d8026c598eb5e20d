package dev.agentry.profile.fieldvalue;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.timestamp;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * All SQL on {@code profile.profile_fields}; every statement names its tenant
 * ({@code tenant_id = $1}) besides the row-level security policy. A value is <em>valid</em> while
 * {@code valid_to} is null or in the future; rows are never updated except to close their validity
 * or to follow their profile into a merge.
 */
@ApplicationScoped
public class FieldStore {

    private static final String COLUMNS = "id, field_name, field_value, source, confidence, verified, valid_from, "
            + "valid_to, recorded_by";
    /**
     * Still valid as of the statement's start. Not {@code now()}, the transaction's start: a write
     * closes values at its own time, taken after it locked the profile (see {@link #writeTime}), and
     * the view read later in that transaction must see them closed.
     */
    private static final String VALID = "(valid_to IS NULL OR valid_to > statement_timestamp())";

    /** A value to insert, as {@link FieldWriter} planned it. */
    record NewValue(UUID id, String name, String value, FieldSource source, double confidence, boolean verified,
            java.time.Instant validTo) {
    }

    /** The profile's valid values, by field name then age, at most {@code limit}. */
    public Uni<List<FieldVersion>> valid(SqlConnection conn, UUID tenantId, UUID profileId, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_fields WHERE tenant_id = $1 AND profile_id = $2 AND "
                + VALID + " ORDER BY field_name, id LIMIT $3")
                .execute(Tuple.of(tenantId, profileId, limit)).map(rows -> Rows.list(rows, FieldStore::map));
    }

    /** The profile's valid values of the named fields. */
    Uni<List<FieldVersion>> valid(SqlConnection conn, UUID tenantId, UUID profileId, List<String> names) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_fields WHERE tenant_id = $1 AND profile_id = $2 "
                + "AND field_name = ANY($3) AND " + VALID)
                .execute(Tuple.of(tenantId, profileId, names.toArray(String[]::new))).map(rows -> Rows.list(rows, FieldStore::map));
    }

    /** How many distinct fields the profile holds a valid value of. */
    Uni<Integer> countValidNames(SqlConnection conn, UUID tenantId, UUID profileId) {
        return conn.preparedQuery("SELECT count(DISTINCT field_name) FROM profile_fields WHERE tenant_id = $1 "
                + "AND profile_id = $2 AND " + VALID)
                .execute(Tuple.of(tenantId, profileId)).map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * The time of a write, read once the writer holds the profile's lock. {@code now()} would not
     * do: it is when the transaction began, and a transaction that began earlier may get the lock
     * later, so its values would start before the ones they replace. The clock read after the lock
     * is later than every earlier writer's commit, so a field's history stays in order.
     */
    public Uni<OffsetDateTime> writeTime(SqlConnection conn) {
        return conn.query("SELECT clock_timestamp()").execute().map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /**
     * Ends the validity of the given values at {@code at}, the new values' {@code valid_from}
     * ({@code greatest} keeps the interval well-formed should the clock ever step back).
     */
    Uni<Integer> close(SqlConnection conn, UUID tenantId, UUID profileId, List<UUID> ids, OffsetDateTime at) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return conn.preparedQuery("UPDATE profile_fields SET valid_to = greatest($4, valid_from) "
                + "WHERE tenant_id = $1 AND profile_id = $2 AND id = ANY($3)")
                .execute(Tuple.of(tenantId, profileId, ids.toArray(UUID[]::new), at)).map(rows -> rows.rowCount());
    }

    /** Ends the validity of every valid value of one field at {@code at} (a retraction); answers how many. */
    public Uni<Integer> closeField(SqlConnection conn, UUID tenantId, UUID profileId, String name, OffsetDateTime at) {
        return conn.preparedQuery("UPDATE profile_fields SET valid_to = greatest($4, valid_from) WHERE tenant_id = $1 "
                + "AND profile_id = $2 AND field_name = $3 AND (valid_to IS NULL OR valid_to > $4)")
                .execute(Tuple.of(tenantId, profileId, name, at)).map(rows -> rows.rowCount());
    }

    Uni<Void> insertAll(SqlConnection conn, UUID tenantId, UUID profileId, List<NewValue> values, String recordedBy,
            OffsetDateTime at) {
        if (values.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(values.size());
        for (NewValue v : values) {
            batch.add(Tuple.from(new Object[] { v.id(), tenantId, profileId, v.name(), v.value(), wire(v.source()),
                    v.confidence(), v.verified(), at, timestamp(v.validTo()), recordedBy }));
        }
        return conn.preparedQuery("INSERT INTO profile_fields (id, tenant_id, profile_id, field_name, field_value, source, "
                + "confidence, verified, valid_from, valid_to, recorded_by) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .executeBatch(batch).replaceWithVoid();
    }

    /** Every value the field ever had on the profile, newest first. */
    public Uni<List<FieldVersion>> history(SqlConnection conn, UUID tenantId, UUID profileId, String name,
            PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_fields WHERE tenant_id = $1 AND profile_id = $2 "
                + "AND field_name = $3 AND ($4::uuid IS NULL OR id < $4) ORDER BY id DESC LIMIT $5")
                .execute(Tuple.of(tenantId, profileId, name, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, FieldStore::map));
    }

    /** Moves every value, history included, of {@code fromProfile} to {@code toProfile}; answers how many. */
    public Uni<Integer> reassign(SqlConnection conn, UUID tenantId, UUID fromProfile, UUID toProfile) {
        return conn.preparedQuery("UPDATE profile_fields SET profile_id = $3 WHERE tenant_id = $1 AND profile_id = $2")
                .execute(Tuple.of(tenantId, fromProfile, toProfile)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> deleteForProfiles(SqlConnection conn, UUID tenantId, List<UUID> profileIds) {
        return conn.preparedQuery("DELETE FROM profile_fields WHERE tenant_id = $1 AND profile_id = ANY($2)")
                .execute(Tuple.of(tenantId, profileIds.toArray(UUID[]::new))).map(rows -> rows.rowCount());
    }

    static FieldVersion map(Row row) {
        return new FieldVersion(row.getUUID("id"), row.getString("field_name"), row.getString("field_value"),
                enumValue(row, "source", FieldSource.class), row.getDouble("confidence"), row.getBoolean("verified"),
                instant(row, "valid_from"), instant(row, "valid_to"), row.getString("recorded_by"));
    }
}
