package dev.agentry.memory.forgetting;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.episode.EpisodeStore;
import dev.agentry.memory.graph.EntityStore;
import dev.agentry.memory.graph.RelationshipStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Erasure requests: everything memory holds about one customer profile goes in one transaction
 * (all or nothing), and the answer says how much. Knowledge documents are not personal data and
 * stay; the query log holds no customer id.
 */
@ApplicationScoped
public class ErasureService {

    @Inject
    TenantTransactions tx;

    @Inject
    EpisodeStore episodes;

    @Inject
    EntityStore entities;

    @Inject
    RelationshipStore relationships;

    @Inject
    TenantContext caller;

    public Uni<CustomerErasure> erase(UUID customerProfileId) {
        return erase(caller.tenantId(), customerProfileId);
    }

    /** As {@link #erase(UUID)}, for a tenant named by an erasure event rather than a caller. */
    public Uni<CustomerErasure> erase(UUID tenant, UUID customerProfileId) {
        return tx.inTenant(tenant, conn -> relationships.countTouchingCustomer(conn, tenant, customerProfileId)
                .flatMap(rels -> entities.deleteByCustomer(conn, tenant, customerProfileId)
                        .flatMap(ents -> episodes.deleteByCustomer(conn, tenant, customerProfileId)
                                .map(eps -> new CustomerErasure(customerProfileId, eps, ents, rels)))));
    }
}
