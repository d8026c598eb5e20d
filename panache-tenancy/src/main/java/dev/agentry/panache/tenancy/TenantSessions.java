package dev.agentry.panache.tenancy;

import dev.agentry.common.db.TenantTransactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Hibernate Reactive Panache under row-level security: the Panache counterpart of common's
 * {@link TenantTransactions}. Each method opens (or joins) the reactive session's transaction with
 * {@link Panache#withTransaction}, runs {@code set_config('app.tenant_id', …, true)} as its first
 * statement on that same session, and only then runs {@code work}; the entity reads, the flush and
 * the commit all happen on that connection, inside that transaction. The setting is local to the
 * transaction, so a pooled connection never carries a tenant into its next use.
 *
 * <p>Work must stay inside the supplier: an entity loaded here and flushed by a later transaction
 * would be written under that transaction's binding. A supplier that joins an outer transaction
 * (nested {@code withTransaction}) re-binds the same values, which is harmless.
 */
@ApplicationScoped
public class TenantSessions {

    /** Both settings, like {@link TenantTransactions}; one round trip. */
    static final String BIND = "SELECT set_config('" + TenantTransactions.TENANT_SETTING + "', :tenant, true) || "
            + "set_config('" + TenantTransactions.PLATFORM_SETTING + "', :platform, true)";

    /** Runs {@code work} in one transaction as {@code tenantId}. */
    public <T> Uni<T> inTenant(UUID tenantId, Supplier<Uni<T>> work) {
        Objects.requireNonNull(tenantId, "tenantId");
        return run(tenantId.toString(), "off", work);
    }

    /**
     * Runs {@code work} with platform-admin reach (for global rows, such as a catalog's blueprint,
     * whose write policies check {@code app.platform_admin}) and {@code tenantId} bound as well.
     */
    public <T> Uni<T> asPlatformInTenant(UUID tenantId, Supplier<Uni<T>> work) {
        Objects.requireNonNull(tenantId, "tenantId");
        return run(tenantId.toString(), "on", work);
    }

    private static <T> Uni<T> run(String tenant, String platform, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(BIND)
                        .setParameter("tenant", tenant)
                        .setParameter("platform", platform)
                        .getSingleResult())
                .chain(bound -> work.get()));
    }
}
