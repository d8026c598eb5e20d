package dev.agentry.profile.erasure;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventFollower;
import dev.agentry.profile.ProfileServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the stores' answers to erasures ({@code erasure.receipt}, consumer group
 * {@code profile-service-receipts}): one receipt per store and erasure, a repeat changes nothing,
 * and the erasure is complete once every expected store has answered.
 */
@ApplicationScoped
public class ErasureReceiptFollower extends DomainEventFollower {

    private static final Logger LOG = Logger.getLogger(ErasureReceiptFollower.class);

    @Inject
    TenantTransactions tx;

    @Inject
    ErasureStore store;

    @Inject
    ProfileServiceConfig config;

    @Override
    protected String group() {
        return "profile-service-receipts";
    }

    @Override
    protected Set<String> types() {
        return Set.of(DomainEvent.ERASURE_RECEIPT);
    }

    @Override
    protected boolean enabled() {
        return config.erasure().followReceipts();
    }

    @Override
    protected Uni<Void> handle(DomainEvent event) {
        UUID tenant = event.tenantId();
        UUID erasure = UUID.fromString(event.data().get("erasure_id"));
        String storeName = event.data().get("store");
        return tx.inTenant(tenant, conn -> store.addReceipt(conn, tenant, erasure, storeName,
                new JsonObject(event.data().getOrDefault("touched", "{}")), Instant.parse(event.data().get("completed_at"))))
                .invoke(known -> {
                    if (!known) {
                        LOG.warnf("receipt of %s for erasure %s of tenant %s: no such erasure here; ignored", storeName, erasure, tenant);
                    }
                }).replaceWithVoid();
    }
}
