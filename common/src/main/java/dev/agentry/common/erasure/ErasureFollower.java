package dev.agentry.common.erasure;

import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventConsumer;
import dev.agentry.common.events.DomainEventPublisher;
import dev.agentry.common.events.EventsConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Takes part in profile-service's erasures for a service that has a {@link PersonalDataStore}: reads
 * {@code profile.erased} from the event stream as consumer group {@code <store>-erasure} (its own
 * group, so it never takes another follower's entries), erases through the store, and answers with
 * an {@code erasure.receipt}. A store that was down catches up when it comes back: its group's
 * entries wait in the stream. An erasure that keeps failing is retried up to the stream's
 * {@code max-attempts}; profile-service shows the store as pending and announces the erasure again
 * later, so nothing is dropped for good. Off with {@code agentry.erasure.follow=false} (tests poll).
 */
@ApplicationScoped
public class ErasureFollower {

    private static final Logger LOG = Logger.getLogger(ErasureFollower.class);

    @Inject
    Instance<PersonalDataStore> stores;

    @Inject
    Vertx vertx;

    @Inject
    Instance<ReactiveRedisDataSource> redis;

    @Inject
    EventsConfig events;

    @Inject
    DomainEventPublisher publisher;

    @ConfigProperty(name = "agentry.erasure.follow", defaultValue = "true")
    boolean enabled;

    private DomainEventConsumer consumer;

    void start(@Observes StartupEvent event) {
        if (!stores.isResolvable()) {
            return; // this service holds no personal data
        }
        PersonalDataStore store = stores.get();
        consumer = new DomainEventConsumer(vertx, redis.get(), events, store.storeName() + "-erasure",
                Set.of(DomainEvent.PROFILE_ERASED), e -> follow(store, e));
        if (enabled) {
            consumer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /** One round now (tests); 0 when this service has no store. */
    public Uni<Integer> pollOnce() {
        return consumer == null ? Uni.createFrom().item(0) : consumer.poll();
    }

    private Uni<Void> follow(PersonalDataStore store, DomainEvent event) {
        String erasureId = event.data().get("erasure_id");
        List<UUID> profiles = new ArrayList<>();
        for (String id : event.data().getOrDefault("profile_ids", "").split(",")) {
            if (!id.isBlank()) {
                profiles.add(UUID.fromString(id.strip()));
            }
        }
        return store.erase(event.tenantId(), profiles).flatMap(touched -> {
            Map<String, String> receipt = new LinkedHashMap<>();
            receipt.put("erasure_id", erasureId);
            receipt.put("store", store.storeName());
            receipt.put("touched", new JsonObject(new LinkedHashMap<>(touched)).encode());
            receipt.put("completed_at", Instant.now().toString());
            LOG.infof("erasure %s: %s erased %s", erasureId, store.storeName(), touched);
            return publisher.publish(DomainEvent.of(DomainEvent.ERASURE_RECEIPT, event.tenantId(), receipt));
        }).replaceWithVoid();
    }
}
