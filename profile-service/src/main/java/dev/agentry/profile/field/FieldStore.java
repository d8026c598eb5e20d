package dev.agentry.profile.field;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * All SQL on {@code profile.profile_fields}. A value is <em>valid</em> while
 * {@code valid_to} is null or in the future; rows are never updated except to close their validity
 * or to follow their profile into a merge.
 */
@ApplicationScoped
public class FieldStore {

    private static final String COLUMNS = "id, field_name, field_value, source, confidence, verified, valid_from, "
            + "valid_to, recorded_by";
    private static final String VALID = "(valid_to IS NULL OR valid_to > now())";

    /** A value to insert, as {@link FieldService} planned it. */
    record NewValue(UUID id, String name, String value, FieldSource source, double confidence, boolean verified,
            java.time.Instant validTo) {
    }

    /** The profile's valid values, by field name then age, at most {@code limit}. */
    public Uni<List<FieldVersion>> valid(SqlConnection conn, UUID profileId, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_fields WHERE profile_id = $1 AND " + VALID
                + " ORDER BY field_name, id LIMIT $2")
                .execute(Tuple.of(profileId, limit)).map(rows -> Rows.list(rows, FieldStore::map));
    }

    /** The profile's valid values of the named fields. */
    Uni<List<FieldVersion>> valid(SqlConnection conn, UUID profileId, List<String> names) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_fields WHERE profile_id = $1 "
                + "AND field_name = ANY($2) AND " + VALID)
                .execute(Tuple.of(profileId, names.toArray(String[]::new))).map(rows -> Rows.list(rows, FieldStore::map));
    }

    /** How many distinct fields the profile holds a valid value of. */
    Uni<Integer> countValidNames(SqlConnection conn, UUID profileId) {
        return conn.preparedQuery("SELECT count(DISTINCT field_name) FROM profile_fields WHERE profile_id = $1 AND " + VALID)
                .execute(Tuple.of(profileId)).map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Ends the validity of the given values now (the transaction's time, the new values' valid_from). */
    Uni<Integer> close(SqlConnection conn, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return conn.preparedQuery("UPDATE profile_fields SET valid_to = now() WHERE id = ANY($1) AND " + VALID)
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> rows.rowCount());
    }

    /** Ends the validity of every valid value of one field (a retraction); answers how many. */
    Uni<Integer> closeField(SqlConnection conn, UUID profileId, String name) {
        return conn.preparedQuery("UPDATE profile_fields SET valid_to = now() WHERE profile_id = $1 AND field_name = $2 AND " + VALID)
                .execute(Tuple.of(profileId, name)).map(rows -> rows.rowCount());
    }

    Uni<Void> insertAll(SqlConnection conn, UUID tenantId, UUID profileId, List<NewValue> values, String recordedBy) {
        if (values.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>(values.size());
        for (NewValue v : values) {
            batch.add(Tuple.from(new Object[] { v.id(), tenantId, profileId, v.name(), v.value(), wire(v.source()),
                    v.confidence(), v.verified(), timestamp(v.validTo()), recordedBy }));
        }
        return conn.preparedQuery("INSERT INTO profile_fields (id, tenant_id, profile_id, field_name, field_value, source, "
                + "confidence, verified, valid_from, valid_to, recorded_by) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9, $10)")
                .executeBatch(batch).replaceWithVoid();
    }

    /** Every value the field ever had on the profile, newest first. */
    Uni<List<FieldVersion>> history(SqlConnection conn, UUID profileId, String name, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM profile_fields WHERE profile_id = $1 AND field_name = $2 "
                + "AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(profileId, name, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, FieldStore::map));
    }

    /** Moves every value, history included, of {@code fromProfile} to {@code toProfile}; answers how many. */
    public Uni<Integer> reassign(SqlConnection conn, UUID fromProfile, UUID toProfile) {
        return conn.preparedQuery("UPDATE profile_fields SET profile_id = $2 WHERE profile_id = $1")
                .execute(Tuple.of(fromProfile, toProfile)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> deleteForProfiles(SqlConnection conn, List<UUID> profileIds) {
        return conn.preparedQuery("DELETE FROM profile_fields WHERE profile_id = ANY($1)")
                .execute(Tuple.of(profileIds.toArray(UUID[]::new))).map(rows -> rows.rowCount());
    }

    static FieldVersion map(Row row) {
        return new FieldVersion(row.getUUID("id"), row.getString("field_name"), row.getString("field_value"),
                enumValue(row, "source", FieldSource.class), row.getDouble("confidence"), row.getBoolean("verified"),
                instant(row, "valid_from"), instant(row, "valid_to"), row.getString("recorded_by"));
    }
}
