package dev.agentry.memory.graph;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.memory.search.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code entities}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class EntityStore {

    private static final String COLUMNS = "id, agent_id, customer_profile_id, name, entity_type, canonical_name, attributes, "
            + "created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_entities_canonical", "canonical_name");

    /** Filters of the entity list; null means "any". */
    public record Filter(String entityType, String name, UUID agentId, UUID customerProfileId) {
    }

    public Uni<Entity> insert(SqlConnection conn, UUID tenant, UUID id, EntityCreate create, String canonicalName) {
        return conn.preparedQuery("INSERT INTO entities (id, tenant_id, agent_id, customer_profile_id, name, entity_type, "
                + "canonical_name, attributes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenant, create.agentId(), create.customerProfileId(), create.name().strip(),
                        create.entityType(), canonicalName, Rows.jsonb(create.attributes()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Entity>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM entities WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, EntityStore::map));
    }

    /** The entity, locked until the transaction ends: assertions about one source run one at a time. */
    public Uni<Optional<Entity>> lock(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM entities WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, EntityStore::map));
    }

    public Uni<List<Entity>> findAll(SqlConnection conn, UUID tenant, Collection<UUID> ids) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM entities WHERE tenant_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(tenant, ids.toArray(UUID[]::new))).map(rows -> Rows.list(rows, EntityStore::map));
    }

    public Uni<List<Entity>> list(SqlConnection conn, UUID tenant, Filter filter, PageRequest page) {
        SqlParams p = new SqlParams();
        StringBuilder where = new StringBuilder("tenant_id = ").append(p.add(tenant));
        if (filter.entityType() != null) {
            where.append(" AND entity_type = ").append(p.add(filter.entityType()));
        }
        if (filter.name() != null) {
            where.append(" AND lower(name) = lower(").append(p.add(filter.name().strip())).append(")");
        }
        if (filter.agentId() != null) {
            where.append(" AND agent_id = ").append(p.add(filter.agentId()));
        }
        if (filter.customerProfileId() != null) {
            where.append(" AND customer_profile_id = ").append(p.add(filter.customerProfileId()));
        }
        if (page.after() != null) {
            where.append(" AND id < ").append(p.add(page.after()));
        }
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM entities WHERE " + where + " ORDER BY id DESC LIMIT "
                + p.add(page.fetchSize())).execute(p.tuple()).map(rows -> Rows.list(rows, EntityStore::map));
    }

    public Uni<Optional<Entity>> update(SqlConnection conn, UUID tenant, UUID id, EntityUpdate update, String canonicalName) {
        return conn.preparedQuery("UPDATE entities SET name = coalesce($3, name), canonical_name = coalesce($4, canonical_name), "
                + "attributes = coalesce($5, attributes), updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenant, id, update.name() == null ? null : update.name().strip(), canonicalName,
                        update.attributes() == null ? null : Rows.jsonb(update.attributes()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> Rows.first(rows, EntityStore::map));
    }

    /** Deletes the entity; its relationships go with it (ON DELETE CASCADE). */
    public Uni<Boolean> delete(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("DELETE FROM entities WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Erasure: the customer's entities, and (by cascade) every relationship touching them. */
    public Uni<Integer> deleteByCustomer(SqlConnection conn, UUID tenant, UUID customerProfileId) {
        return conn.preparedQuery("DELETE FROM entities WHERE tenant_id = $1 AND customer_profile_id = $2")
                .execute(Tuple.of(tenant, customerProfileId)).map(rows -> rows.rowCount());
    }

    static Entity map(Row row) {
        return new Entity(row.getUUID("id"), row.getUUID("agent_id"), row.getUUID("customer_profile_id"), row.getString("name"),
                row.getString("entity_type"), row.getString("canonical_name"), Rows.object(row, "attributes"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
