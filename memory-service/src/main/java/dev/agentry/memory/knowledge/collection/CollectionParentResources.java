package dev.agentry.memory.knowledge.collection;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.parent.ParentResources;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * memory-service writes under a parent only in a collection ({@code /v1/collections/{collection_id}/documents}):
 * common's ParentFirstFilter answers 404 for a collection the caller cannot see before the body is read.
 */
@ApplicationScoped
public class CollectionParentResources implements ParentResources {

    private static final Map<String, String> PARAMETERS = Map.of("collection_id", "collection");

    @Inject
    TenantTransactions tx;

    @Inject
    TenantContext caller;

    @Inject
    CollectionStore collections;

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Uni<Boolean> visible(String parameter, UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> collections.find(conn, tenant, id)).map(Optional::isPresent);
    }
}
