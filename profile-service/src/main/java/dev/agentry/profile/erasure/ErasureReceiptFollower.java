package dev.agentry.profile.erasure;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventConsumer;
import dev.agentry.common.events.EventsConfig;
import dev.agentry.profile.ProfileServiceConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
public class ErasureReceiptFollower {

    private static final Logger LOG = Logger.getLogger(ErasureReceiptFollower.class);
    static final String GROUP = "profile-service-receipts";

    @Inject
    Vertx vertx;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    EventsConfig events;

    @Inject
    TenantTransactions tx;

    @Inject
    ErasureStore store;

    @Inject
    ProfileServiceConfig config;

    private DomainEventConsumer consumer;

    void start(@Observes StartupEvent event) {
        consumer = new DomainEventConsumer(vertx, redis, events, GROUP, Set.of(DomainEvent.ERASURE_RECEIPT), this::keep);
        if (config.erasure().followReceipts()) {
            consumer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /** One round now (tests). */
    public Uni<Integer> pollOnce() {
        return consumer.poll();
    }

    private Uni<Void> keep(DomainEvent event) {
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
