package dev.agentry.memory.graph;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.timestamp;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.memory.search.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code relationships}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class RelationshipStore {

    private static final String COLUMNS = "r.id, r.source_entity_id, r.target_entity_id, r.relationship_type, r.confidence, "
            + "r.valid_from, r.valid_to, r.recorded_at, r.invalidated_at, r.invalidated_by, r.metadata, r.updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_relationships", "valid_from");
    /** Holds at time $n: the interval [valid_from, valid_to) contains it. */
    private static final String VALID_AT = "r.valid_from <= %1$s AND (r.valid_to IS NULL OR r.valid_to > %1$s)";

    /** Filters of the relationship list; null means "any". {@code asOf} keeps those valid then. */
    public record Filter(UUID sourceEntityId, UUID targetEntityId, String relationshipType, Instant asOf) {
    }

    public Uni<Relationship> insert(SqlConnection conn, UUID tenant, UUID id, RelationshipCreate create, Instant validFrom,
            Instant validTo) {
        return conn.preparedQuery("INSERT INTO relationships AS r (id, tenant_id, source_entity_id, target_entity_id, "
                + "relationship_type, confidence, valid_from, valid_to, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenant, create.sourceEntityId(), create.targetEntityId(),
                        create.relationshipType(), create.confidence() == null ? 1.0 : create.confidence(), timestamp(validFrom),
                        timestamp(validTo), Rows.jsonb(create.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Relationship>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM relationships r WHERE r.tenant_id = $1 AND r.id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, RelationshipStore::map));
    }

    /**
     * The source's relationships of one type whose validity overlaps [from, to) (to null: open),
     * retracted ones (empty intervals) left out; earliest first.
     */
    public Uni<List<Relationship>> overlapping(SqlConnection conn, UUID tenant, UUID source, String type, Instant from, Instant to) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM relationships r WHERE r.tenant_id = $1 AND r.source_entity_id = $2 "
                + "AND r.relationship_type = $3 AND r.valid_from < coalesce($5, 'infinity'::timestamptz) "
                + "AND (r.valid_to IS NULL OR r.valid_to > $4) AND (r.valid_to IS NULL OR r.valid_to > r.valid_from) "
                + "ORDER BY r.valid_from, r.id")
                .execute(Tuple.of(tenant, source, type, timestamp(from), timestamp(to)))
                .map(rows -> Rows.list(rows, RelationshipStore::map));
    }

    /** Ends a contradicted relationship at {@code validTo}, naming the one that contradicted it. */
    public Uni<Relationship> close(SqlConnection conn, UUID tenant, UUID id, Instant validTo, UUID invalidatedBy) {
        return conn.preparedQuery("UPDATE relationships r SET valid_to = $3, invalidated_at = now(), invalidated_by = $4, "
                + "updated_at = now() WHERE r.tenant_id = $1 AND r.id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenant, id, timestamp(validTo), invalidatedBy)).map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Relationship>> update(SqlConnection conn, UUID tenant, UUID id, RelationshipUpdate update) {
        return conn.preparedQuery("UPDATE relationships r SET confidence = coalesce($3, confidence), valid_to = coalesce($4, valid_to), "
                + "metadata = coalesce($5, metadata), updated_at = now() WHERE r.tenant_id = $1 AND r.id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenant, id, update.confidence(), timestamp(update.validTo()),
                        update.metadata() == null ? null : Rows.jsonb(update.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> Rows.first(rows, RelationshipStore::map));
    }

    public Uni<List<Relationship>> list(SqlConnection conn, UUID tenant, Filter filter, PageRequest page) {
        SqlParams p = new SqlParams();
        StringBuilder where = new StringBuilder("r.tenant_id = ").append(p.add(tenant));
        if (filter.sourceEntityId() != null) {
            where.append(" AND r.source_entity_id = ").append(p.add(filter.sourceEntityId()));
        }
        if (filter.targetEntityId() != null) {
            where.append(" AND r.target_entity_id = ").append(p.add(filter.targetEntityId()));
        }
        if (filter.relationshipType() != null) {
            where.append(" AND r.relationship_type = ").append(p.add(filter.relationshipType()));
        }
        if (filter.asOf() != null) {
            where.append(" AND ").append(String.format(VALID_AT, p.add(timestamp(filter.asOf())) + "::timestamptz"));
        }
        if (page.after() != null) {
            where.append(" AND r.id < ").append(p.add(page.after()));
        }
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM relationships r WHERE " + where + " ORDER BY r.id DESC LIMIT "
                + p.add(page.fetchSize())).execute(p.tuple()).map(rows -> Rows.list(rows, RelationshipStore::map));
    }

    /** Every relationship touching the entity, current and closed: its history, newest recorded first. */
    public Uni<List<Relationship>> history(SqlConnection conn, UUID tenant, UUID entity, String type, PageRequest page) {
        SqlParams p = new SqlParams();
        String t = p.add(tenant);
        String e = p.add(entity);
        StringBuilder where = new StringBuilder("r.tenant_id = ").append(t)
                .append(" AND (r.source_entity_id = ").append(e).append(" OR r.target_entity_id = ").append(e).append(")");
        if (type != null) {
            where.append(" AND r.relationship_type = ").append(p.add(type));
        }
        if (page.after() != null) {
            where.append(" AND r.id < ").append(p.add(page.after()));
        }
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM relationships r WHERE " + where + " ORDER BY r.id DESC LIMIT "
                + p.add(page.fetchSize())).execute(p.tuple()).map(rows -> Rows.list(rows, RelationshipStore::map));
    }

    /**
     * One hop of a graph walk: the edges valid at {@code asOf} that leave ({@code OUTGOING}), enter
     * ({@code INCOMING}) or touch ({@code BOTH}) the frontier, at most {@code limit}, oldest first.
     */
    public Uni<List<Relationship>> hop(SqlConnection conn, UUID tenant, Collection<UUID> frontier, Direction direction,
            List<String> types, Instant asOf, int limit) {
        SqlParams p = new SqlParams();
        String ids = p.add(frontier.toArray(UUID[]::new)) + "::uuid[]";
        StringBuilder where = new StringBuilder("r.tenant_id = ").append(p.add(tenant)).append(" AND ");
        where.append(switch (direction) {
            case OUTGOING -> "r.source_entity_id = ANY(" + ids + ")";
            case INCOMING -> "r.target_entity_id = ANY(" + ids + ")";
            case BOTH -> "(r.source_entity_id = ANY(" + ids + ") OR r.target_entity_id = ANY(" + ids + "))";
        });
        where.append(" AND ").append(String.format(VALID_AT, p.add(timestamp(asOf)) + "::timestamptz"));
        if (types != null && !types.isEmpty()) {
            where.append(" AND r.relationship_type = ANY(").append(p.add(types.toArray(String[]::new))).append("::text[])");
        }
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM relationships r WHERE " + where + " ORDER BY r.id LIMIT "
                + p.add(limit)).execute(p.tuple()).map(rows -> Rows.list(rows, RelationshipStore::map));
    }

    /** Erasure report: how many relationships touch the customer's entities (they go with them). */
    public Uni<Integer> countTouchingCustomer(SqlConnection conn, UUID tenant, UUID customerProfileId) {
        return conn.preparedQuery("SELECT count(*) FROM relationships r WHERE r.tenant_id = $1 AND (r.source_entity_id IN "
                + "(SELECT id FROM entities WHERE tenant_id = $1 AND customer_profile_id = $2) OR r.target_entity_id IN "
                + "(SELECT id FROM entities WHERE tenant_id = $1 AND customer_profile_id = $2))")
                .execute(Tuple.of(tenant, customerProfileId)).map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    static Relationship map(Row row) {
        return new Relationship(row.getUUID("id"), row.getUUID("source_entity_id"), row.getUUID("target_entity_id"),
                row.getString("relationship_type"), row.getDouble("confidence"), instant(row, "valid_from"),
                instant(row, "valid_to"), instant(row, "recorded_at"), instant(row, "invalidated_at"),
                row.getUUID("invalidated_by"), Rows.object(row, "metadata"), instant(row, "updated_at"));
    }
}
