package dev.agentry.common.erasure;

import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventFollower;
import dev.agentry.common.events.DomainEventPublisher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
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
 * {@code profile.erased} as consumer group {@code <store>-erasure} (its own group, so it never takes
 * another follower's entries), erases each of the person's profiles through the store, and answers
 * with an {@code erasure.receipt} of the summed counts. A store that was down catches up when it
 * comes back: its group's entries wait in the stream. An erasure that keeps failing is retried up to
 * the stream's {@code max-attempts}; profile-service shows the store as pending and announces the
 * erasure again later, so nothing is dropped for good. Timer off with
 * {@code agentry.erasure.follow=false} (tests poll).
 */
@ApplicationScoped
public class ErasureFollower extends DomainEventFollower {

    private static final Logger LOG = Logger.getLogger(ErasureFollower.class);

    @Inject
    Instance<PersonalDataStore> stores;

    @Inject
    DomainEventPublisher publisher;

    @ConfigProperty(name = "agentry.erasure.follow", defaultValue = "true")
    boolean enabled;

    @Override
    protected boolean takesPart() {
        return stores.isResolvable(); // a service that holds no personal data does not follow
    }

    @Override
    protected String group() {
        return stores.get().storeName() + "-erasure";
    }

    @Override
    protected Set<String> types() {
        return Set.of(DomainEvent.PROFILE_ERASED);
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected Uni<Void> handle(DomainEvent event) {
        PersonalDataStore store = stores.get();
        String erasureId = event.data().get("erasure_id");
        List<UUID> profiles = new ArrayList<>();
        for (String id : event.data().getOrDefault("profile_ids", "").split(",")) {
            if (!id.isBlank()) {
                profiles.add(UUID.fromString(id.strip()));
            }
        }
        return Multi.createFrom().iterable(profiles).onItem()
                .transformToUniAndConcatenate(profile -> store.eraseProfile(event.tenantId(), profile))
                .collect().in(LinkedHashMap<String, Integer>::new, (sum, one) -> one.forEach((k, v) -> sum.merge(k, v, Integer::sum)))
                .flatMap(touched -> {
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
