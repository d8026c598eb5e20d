package dev.agentry.config.tenant;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Tenant lifecycle. Platform admins reach every tenant; anyone else sees only their own (the RLS
 * policy on {@code tenants} enforces the same), so another tenant's id answers 404.
 */
@ApplicationScoped
public class TenantService {

    @Inject
    TenantTransactions tx;

    @Inject
    TenantStore store;

    @Inject
    TenantContext caller;

    @Inject
    PlanLimitsPublisher limitsPublisher;

    public Uni<Tenant> create(TenantCreate create) {
        TenantPlan plan = create.plan() == null ? TenantPlan.FREE : create.plan();
        TenantLimits limits = create.limits() == null ? plan.defaultLimits() : create.limits().orElse(plan.defaultLimits());
        return tx.asPlatform(conn -> store.insert(conn, Ids.newId(), create, plan, limits)).flatMap(limitsPublisher::publish);
    }

    /** Creates a tenant in an open transaction (the bootstrap creates its first key beside it). */
    public Uni<Tenant> create(SqlConnection conn, TenantCreate create) {
        TenantPlan plan = create.plan() == null ? TenantPlan.FREE : create.plan();
        return store.insert(conn, Ids.newId(), create, plan,
                create.limits() == null ? plan.defaultLimits() : create.limits().orElse(plan.defaultLimits()));
    }

    public Uni<Tenant> get(UUID id) {
        return visible(conn -> store.find(conn, id)).map(found -> found.orElseThrow(() -> NotFoundException.of("Tenant", id)));
    }

    public Uni<Page<Tenant>> list(TenantStatus status, PageRequest page) {
        return tx.asPlatform(conn -> store.list(conn, status, page)).map(rows -> Page.of(rows, page, Tenant::id));
    }

    public Uni<Tenant> update(UUID id, TenantUpdate update) {
        return tx.asPlatform(conn -> store.update(conn, id, update))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Tenant", id))).flatMap(limitsPublisher::publish);
    }

    public Uni<Tenant> suspend(UUID id) {
        return transition(id, TenantStatus.ACTIVE, TenantStatus.SUSPENDED);
    }

    public Uni<Tenant> activate(UUID id) {
        return transition(id, TenantStatus.SUSPENDED, TenantStatus.ACTIVE);
    }

    public Uni<Void> delete(UUID id) {
        return tx.asPlatform(conn -> store.setStatus(conn, id, TenantStatus.DELETED))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Tenant", id))).replaceWithVoid();
    }

    private Uni<Tenant> transition(UUID id, TenantStatus from, TenantStatus to) {
        return tx.asPlatform(conn -> store.find(conn, id).flatMap(found -> {
            Tenant tenant = found.filter(t -> t.deletedAt() == null).orElseThrow(() -> NotFoundException.of("Tenant", id));
            if (tenant.status() == to) {
                return Uni.createFrom().item(tenant);
            }
            if (tenant.status() != from) {
                throw new ConflictException("status", "A " + tenant.status().name().toLowerCase()
                        + " tenant cannot become " + to.name().toLowerCase());
            }
            return store.setStatus(conn, id, to).map(Optional::orElseThrow);
        }));
    }

    private <T> Uni<T> visible(Function<SqlConnection, Uni<T>> work) {
        return caller.isPlatformAdmin() ? tx.asPlatform(work) : tx.inTenant(caller.tenantId(), work);
    }
}
