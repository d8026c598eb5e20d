package dev.agentry.memory.graph;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.MemoryConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The temporal knowledge graph: facts as relationships with validity intervals. A fact that
 * contradicts a current one of an exclusive type closes it where the new one starts (Graphiti's
 * invalidation, without an LLM: the type says what contradicts), so "as of" questions still answer
 * from the interval that held then. Graph walks are breadth-first, one bounded query per hop.
 */
@ApplicationScoped
public class RelationshipService {

    @Inject
    TenantTransactions tx;

    @Inject
    RelationshipStore store;

    @Inject
    EntityStore entities;

    @Inject
    TenantContext caller;

    @Inject
    MemoryConfig config;

    /** A contradicted relationship and where its validity now ends. */
    private record Closing(Relationship relationship, Instant at) {
    }

    public Uni<RelationshipAssertion> create(RelationshipCreate create) {
        UUID tenant = caller.tenantId();
        if (create.sourceEntityId().equals(create.targetEntityId())) {
            throw new ValidationException("target_entity_id", "must differ from source_entity_id");
        }
        Instant from = create.validFrom() == null ? Instant.now() : create.validFrom();
        if (create.validTo() != null && !create.validTo().isAfter(from)) {
            throw new ValidationException("valid_to", "must be after valid_from");
        }
        boolean exclusive = create.exclusive() != null ? create.exclusive()
                : config.graph().exclusiveTypes().contains(create.relationshipType());
        return tx.inTenant(tenant, conn -> entities.lock(conn, tenant, create.sourceEntityId())
                .invoke(found -> found.orElseThrow(() -> new NotFoundException("Entity " + create.sourceEntityId()
                        + " (source_entity_id) does not exist")))
                .flatMap(source -> entities.find(conn, tenant, create.targetEntityId()))
                .invoke(found -> found.orElseThrow(() -> new NotFoundException("Entity " + create.targetEntityId()
                        + " (target_entity_id) does not exist")))
                .flatMap(target -> store.overlapping(conn, tenant, create.sourceEntityId(), create.relationshipType(), from,
                        create.validTo()))
                .flatMap(overlapping -> assertFact(conn, tenant, create, from, exclusive, overlapping)));
    }

    private Uni<RelationshipAssertion> assertFact(SqlConnection conn, UUID tenant, RelationshipCreate create, Instant from,
            boolean exclusive, List<Relationship> overlapping) {
        Instant to = create.validTo();
        for (Relationship r : overlapping) {
            boolean sameTarget = r.targetEntityId().equals(create.targetEntityId());
            boolean covers = !r.validFrom().isAfter(from)
                    && (r.validTo() == null || (to != null && !r.validTo().isBefore(to)));
            if (sameTarget && covers) {
                // Said again: nothing new is known.
                return Uni.createFrom().item(new RelationshipAssertion(r, false, List.of()));
            }
        }
        List<Closing> closings = new ArrayList<>();
        Instant end = to;
        if (exclusive) {
            for (Relationship r : overlapping) {
                if (r.targetEntityId().equals(create.targetEntityId())) {
                    continue;
                }
                if (r.validFrom().isAfter(from)) {
                    // A later fact is already known: the new one (history filled in) ends where it starts.
                    end = end == null || r.validFrom().isBefore(end) ? r.validFrom() : end;
                } else {
                    // Held when the new one starts: it ends there (an empty interval if both start together).
                    closings.add(new Closing(r, from));
                }
            }
        }
        UUID id = Ids.newId();
        Instant validTo = end;
        return store.insert(conn, tenant, id, create, from, validTo).flatMap(created -> closings.isEmpty()
                ? Uni.createFrom().item(new RelationshipAssertion(created, true, List.of()))
                : Multi.createFrom().iterable(closings)
                        .onItem().transformToUniAndConcatenate(c -> store.close(conn, tenant, c.relationship().id(), c.at(), id))
                        .collect().asList()
                        .map(closed -> new RelationshipAssertion(created, true, closed)));
    }

    public Uni<Relationship> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Relationship", id)));
    }

    public Uni<Page<Relationship>> list(RelationshipStore.Filter filter, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, filter, page)).map(rows -> Page.of(rows, page, Relationship::id));
    }

    public Uni<Relationship> update(UUID id, RelationshipUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id).flatMap(found -> {
            Relationship current = found.orElseThrow(() -> NotFoundException.of("Relationship", id));
            if (update.validTo() != null && !update.validTo().isAfter(current.validFrom())) {
                throw new ValidationException("valid_to", "must be after valid_from (" + current.validFrom() + ")");
            }
            return store.update(conn, tenant, id, update);
        })).map(found -> found.orElseThrow(() -> NotFoundException.of("Relationship", id)));
    }

    /** Every relationship the entity took part in, current and closed. */
    public Uni<Page<Relationship>> history(UUID entityId, String type, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> entities.find(conn, tenant, entityId)
                .invoke(found -> found.orElseThrow(() -> NotFoundException.of("Entity", entityId)))
                .flatMap(found -> store.history(conn, tenant, entityId, type, page)))
                .map(rows -> Page.of(rows, page, Relationship::id));
    }

    /**
     * The entities within {@code depth} hops through relationships valid at {@code asOf} (and of
     * {@code relationshipTypes}, when given), keeping those of {@code entityTypes} (when given).
     */
    public Uni<Neighbourhood> neighbours(UUID entityId, int depth, Direction direction, List<String> relationshipTypes,
            List<String> entityTypes, Instant asOf) {
        UUID tenant = caller.tenantId();
        int maxDepth = config.graph().maxDepth();
        if (depth < 1 || depth > maxDepth) {
            throw new ValidationException("depth", "must be between 1 and " + maxDepth);
        }
        Instant at = asOf == null ? Instant.now() : asOf;
        return tx.inTenant(tenant, conn -> entities.find(conn, tenant, entityId).flatMap(found -> {
            Entity root = found.orElseThrow(() -> NotFoundException.of("Entity", entityId));
            Walk walk = new Walk(root.id());
            return hop(conn, tenant, walk, Set.of(root.id()), 1, depth, direction, relationshipTypes, at)
                    .flatMap(done -> walk.reached.isEmpty() ? Uni.createFrom().item(List.<Entity>of())
                            : entities.findAll(conn, tenant, walk.reached.keySet()))
                    .map(found2 -> {
                        Map<UUID, Entity> byId = new HashMap<>();
                        found2.forEach(e -> byId.put(e.id(), e));
                        List<Neighbour> neighbours = new ArrayList<>();
                        walk.reached.forEach((id, reached) -> {
                            Entity e = byId.get(id);
                            if (e != null && (entityTypes == null || entityTypes.isEmpty() || entityTypes.contains(e.entityType()))) {
                                neighbours.add(new Neighbour(e, reached.depth(), reached.via()));
                            }
                        });
                        return new Neighbourhood(root, at, depth, neighbours, walk.truncated);
                    });
        }));
    }

    /** What a walk found so far: entity id to (depth, first edge), in discovery order. */
    private static final class Walk {
        final Set<UUID> visited = new LinkedHashSet<>();
        final Map<UUID, Reached> reached = new LinkedHashMap<>();
        boolean truncated;

        Walk(UUID root) {
            visited.add(root);
        }
    }

    private record Reached(int depth, Relationship via) {
    }

    private Uni<Void> hop(SqlConnection conn, UUID tenant, Walk walk, Set<UUID> frontier, int level, int depth,
            Direction direction, List<String> types, Instant at) {
        int bound = config.graph().maxEdgesPerHop();
        return store.hop(conn, tenant, frontier, direction, types, at, bound + 1).flatMap(edges -> {
            if (edges.size() > bound) {
                walk.truncated = true;
                edges = edges.subList(0, bound);
            }
            Set<UUID> next = new LinkedHashSet<>();
            for (Relationship e : edges) {
                if (direction != Direction.INCOMING && frontier.contains(e.sourceEntityId())) {
                    reach(walk, next, e.targetEntityId(), level, e);
                }
                if (direction != Direction.OUTGOING && frontier.contains(e.targetEntityId())) {
                    reach(walk, next, e.sourceEntityId(), level, e);
                }
            }
            if (next.isEmpty() || level == depth) {
                return Uni.createFrom().voidItem();
            }
            return hop(conn, tenant, walk, next, level + 1, depth, direction, types, at);
        });
    }

    private static void reach(Walk walk, Set<UUID> next, UUID entity, int level, Relationship via) {
        if (walk.visited.add(entity)) {
            walk.reached.put(entity, new Reached(level, via));
            next.add(entity);
        }
    }
}
