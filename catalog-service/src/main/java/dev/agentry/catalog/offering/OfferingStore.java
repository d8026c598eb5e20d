package dev.agentry.catalog.offering;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.catalog.blueprint.AttributeDefinition;
import dev.agentry.catalog.blueprint.TypedValue;
import dev.agentry.common.db.Rows;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on offerings, their versions and attribute values, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class OfferingStore {

    private static final String OFFERING = "SELECT o.id, o.domain_id, o.bot_id, o.offering_type, o.code, o.identity_key, o.status, "
            + "o.created_at, o.updated_at, v.version AS active_version, v.name AS active_name FROM tenant_offering o "
            + "LEFT JOIN tenant_offering_version v ON v.tenant_id = o.tenant_id AND v.offering_id = o.id AND v.status = 'active' ";
    private static final String VERSION = "id, offering_id, version, name, description, status, embedding_model, published_at, "
            + "archived_at, created_at, updated_at";

    Uni<Void> insertOffering(SqlConnection conn, UUID tenant, UUID id, OfferingCreate c) {
        return conn.preparedQuery("INSERT INTO tenant_offering (id, tenant_id, domain_id, bot_id, offering_type, code, identity_key) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] { id, tenant, c.domainId(), c.botId(), c.offeringType(), c.code().strip(),
                        c.identityKey() == null ? null : c.identityKey().strip() }))
                .replaceWithVoid();
    }

    Uni<Optional<Offering>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery(OFFERING + "WHERE o.tenant_id = $1 AND o.id = $2 AND o.deleted_at IS NULL")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, OfferingStore::offering));
    }

    /** Locks the live offering row (serialises version numbering and publishing per offering); its domain. */
    Uni<Optional<Offering>> lock(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT id FROM tenant_offering WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE")
                .execute(Tuple.of(tenant, id))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<Offering> empty()) : find(conn, tenant, id));
    }

    Uni<List<Offering>> list(SqlConnection conn, UUID tenant, UUID domainId, String type, PageRequest page) {
        return conn.preparedQuery(OFFERING + "WHERE o.tenant_id = $1 AND o.deleted_at IS NULL AND ($2::uuid IS NULL OR o.domain_id = $2) "
                + "AND ($3::text IS NULL OR o.offering_type = $3) AND ($4::uuid IS NULL OR o.id > $4) ORDER BY o.id LIMIT $5")
                .execute(Tuple.of(tenant, domainId, type, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, OfferingStore::offering));
    }

    Uni<Boolean> softDelete(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("UPDATE tenant_offering SET deleted_at = now(), status = 'archived', updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Integer> nextVersion(SqlConnection conn, UUID tenant, UUID offeringId) {
        return conn.preparedQuery("SELECT coalesce(max(version), 0) + 1 FROM tenant_offering_version WHERE tenant_id = $1 AND offering_id = $2")
                .execute(Tuple.of(tenant, offeringId)).map(rows -> rows.iterator().next().getInteger(0));
    }

    Uni<UUID> insertVersion(SqlConnection conn, UUID tenant, UUID offeringId, int version, VersionWrite w) {
        UUID id = Ids.newId();
        return conn.preparedQuery("INSERT INTO tenant_offering_version (id, tenant_id, offering_id, version, name, description) "
                + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(id, tenant, offeringId, version, w.name().strip(), w.description()))
                .replaceWith(id);
    }

    Uni<Void> updateDraft(SqlConnection conn, UUID tenant, UUID versionId, VersionWrite w) {
        return conn.preparedQuery("UPDATE tenant_offering_version SET name = $3, description = $4, updated_at = clock_timestamp() "
                + "WHERE tenant_id = $1 AND id = $2 AND status = 'draft'")
                .execute(Tuple.of(tenant, versionId, w.name().strip(), w.description()))
                .flatMap(r -> conn.preparedQuery("DELETE FROM tenant_offering_attribute_value WHERE tenant_id = $1 AND offering_version_id = $2")
                        .execute(Tuple.of(tenant, versionId)))
                .replaceWithVoid();
    }

    /** One row per attribute, the value in the column of its type. */
    Uni<Void> insertValues(SqlConnection conn, UUID tenant, UUID versionId, Map<AttributeDefinition, TypedValue> values) {
        if (values.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        values.forEach((def, v) -> batch.add(Tuple.from(new Object[] { Ids.newId(), tenant, versionId, def.id(), v.text(),
                v.number(), v.bool(), json(v.json()) })));
        return conn.preparedQuery("INSERT INTO tenant_offering_attribute_value (id, tenant_id, offering_version_id, attribute_def_id, "
                + "value_text, value_number, value_bool, value_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .executeBatch(batch).replaceWithVoid();
    }

    Uni<Optional<OfferingVersion>> version(SqlConnection conn, UUID tenant, UUID offeringId, int version) {
        return conn.preparedQuery("SELECT " + VERSION + " FROM tenant_offering_version WHERE tenant_id = $1 AND offering_id = $2 AND version = $3")
                .execute(Tuple.of(tenant, offeringId, version))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<OfferingVersion> empty());
                    }
                    Row row = rows.iterator().next();
                    return values(conn, tenant, row.getUUID("id")).map(values -> Optional.of(version(row, values)));
                });
    }

    Uni<List<OfferingVersion>> versions(SqlConnection conn, UUID tenant, UUID offeringId) {
        return conn.preparedQuery("SELECT " + VERSION + " FROM tenant_offering_version WHERE tenant_id = $1 AND offering_id = $2 "
                + "ORDER BY version DESC LIMIT 200")
                .execute(Tuple.of(tenant, offeringId)).map(rows -> Rows.list(rows, row -> version(row, Map.of())));
    }

    /** The attribute values of a version, by key, as on the wire. */
    Uni<Map<String, Object>> values(SqlConnection conn, UUID tenant, UUID versionId) {
        return conn.preparedQuery("SELECT d.key, a.value_text, a.value_number, a.value_bool, a.value_json "
                + "FROM tenant_offering_attribute_value a JOIN domain_attribute_definition d ON d.id = a.attribute_def_id "
                + "WHERE a.tenant_id = $1 AND a.offering_version_id = $2 ORDER BY d.key")
                .execute(Tuple.of(tenant, versionId))
                .map(rows -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        Object v = r.getString("value_text");
                        if (v == null) {
                            v = r.getBigDecimal("value_number");
                        }
                        if (v == null) {
                            v = r.getBoolean("value_bool");
                        }
                        if (v == null) {
                            Object j = r.getValue("value_json");
                            v = j instanceof JsonObject o ? o.getMap() : j instanceof JsonArray a ? a.getList() : j;
                        }
                        out.put(r.getString("key"), v);
                    }
                    return out;
                });
    }

    /** Archives the offering's active version, if any (the first half of a publish). */
    Uni<Integer> archiveActive(SqlConnection conn, UUID tenant, UUID offeringId) {
        return conn.preparedQuery("UPDATE tenant_offering_version SET status = 'archived', archived_at = now(), updated_at = now() "
                + "WHERE tenant_id = $1 AND offering_id = $2 AND status = 'active'")
                .execute(Tuple.of(tenant, offeringId)).map(rows -> rows.rowCount());
    }

    /**
     * Activates a draft if it is still the content that was embedded ({@code updated_at} unchanged);
     * false when it is no longer that draft.
     */
    Uni<Boolean> activate(SqlConnection conn, UUID tenant, UUID versionId, Instant seenUpdatedAt, String vector, String model) {
        return conn.preparedQuery("UPDATE tenant_offering_version SET status = 'active', published_at = now(), updated_at = now(), "
                + "embedding = $4::vector, embedding_model = $5 WHERE tenant_id = $1 AND id = $2 AND status = 'draft' AND updated_at = $3")
                .execute(Tuple.of(tenant, versionId, Rows.timestamp(seenUpdatedAt), vector, model))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Void> touch(SqlConnection conn, UUID tenant, UUID offeringId) {
        return conn.preparedQuery("UPDATE tenant_offering SET updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, offeringId)).replaceWithVoid();
    }

    private static Object json(Object value) {
        if (value instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return new JsonObject(map);
        }
        if (value instanceof List<?> l) {
            return new JsonArray(new ArrayList<>(l));
        }
        return null;
    }

    static Offering offering(Row row) {
        return new Offering(row.getUUID("id"), row.getUUID("domain_id"), row.getUUID("bot_id"), row.getString("offering_type"),
                row.getString("code"), row.getString("identity_key"), row.getString("status"), row.getInteger("active_version"),
                row.getString("active_name"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    static OfferingVersion version(Row row, Map<String, Object> values) {
        return new OfferingVersion(row.getUUID("id"), row.getUUID("offering_id"), row.getInteger("version"), row.getString("name"),
                row.getString("description"), row.getString("status"), values, row.getString("embedding_model"),
                instant(row, "published_at"), instant(row, "archived_at"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
