package dev.agentry.memory.graph;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Entities of the caller's tenant. */
@ApplicationScoped
public class EntityService {

    @Inject
    TenantTransactions tx;

    @Inject
    EntityStore store;

    @Inject
    TenantContext caller;

    public Uni<Entity> create(EntityCreate create) {
        UUID tenant = caller.tenantId();
        String canonical = canonical(create.canonicalName() != null ? create.canonicalName() : create.name());
        return tx.inTenant(tenant, conn -> store.insert(conn, tenant, Ids.newId(), create, canonical));
    }

    public Uni<Entity> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Entity", id)));
    }

    public Uni<Page<Entity>> list(EntityStore.Filter filter, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, filter, page)).map(rows -> Page.of(rows, page, Entity::id));
    }

    public Uni<Entity> update(UUID id, EntityUpdate update) {
        UUID tenant = caller.tenantId();
        String canonical = update.canonicalName() == null ? null : canonical(update.canonicalName());
        return tx.inTenant(tenant, conn -> store.update(conn, tenant, id, update, canonical))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Entity", id)));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw NotFoundException.of("Entity", id);
            }
        }).replaceWithVoid();
    }

    /** White space trimmed and collapsed; case is kept (the unique index compares lower case). */
    static String canonical(String name) {
        return name.strip().replaceAll("\\s+", " ");
    }
}
