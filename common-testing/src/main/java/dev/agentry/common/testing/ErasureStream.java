package dev.agentry.common.testing;

import dev.agentry.common.erasure.ErasureFollower;
import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventPublisher;
import dev.agentry.common.events.EventsConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A store's side of profile-service's erasures, driven as the event stream drives it: announce
 * {@code profile.erased}, let the service's ErasureFollower take its entries, read the
 * {@code erasure.receipt} it answered. Tests inject it; the follower's timer is off in tests
 * ({@code agentry.erasure.follow=false}).
 */
@ApplicationScoped
public class ErasureStream {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DomainEventPublisher publisher;

    @Inject
    ErasureFollower follower;

    @Inject
    RedisDataSource redis;

    @Inject
    EventsConfig events;

    /** Announces the erasure of {@code profiles} in {@code tenant}; answers the store's receipt {@code touched} counts and {@code store}. */
    public JsonObject erase(UUID tenant, List<UUID> profiles) {
        String erasureId = UUID.randomUUID().toString();
        String entry = publisher.publish(DomainEvent.of(DomainEvent.PROFILE_ERASED, tenant, Map.of("erasure_id", erasureId,
                "profile_ids", profiles.stream().map(UUID::toString).collect(Collectors.joining(","))))).await().atMost(WAIT);
        // The group may hold other tests' entries before this one: take rounds until none is left.
        while (follower.pollOnce().await().atMost(WAIT) > 0) {
            // drain
        }
        List<Map<String, String>> receipts = redis.stream(String.class).xrange(events.key(), StreamRange.of(entry, "+")).stream()
                .map(m -> m.payload()).filter(f -> DomainEvent.ERASURE_RECEIPT.equals(f.get("type")))
                .filter(f -> erasureId.equals(new JsonObject(f.get("data")).getString("erasure_id"))).toList();
        if (receipts.size() != 1) {
            throw new AssertionError("expected one receipt of erasure " + erasureId + ", got " + receipts);
        }
        JsonObject data = new JsonObject(receipts.get(0).get("data"));
        if (!tenant.toString().equals(receipts.get(0).get("tenant_id")) || data.getString("completed_at") == null) {
            throw new AssertionError("a receipt names its tenant and completion time: " + receipts.get(0));
        }
        return new JsonObject(data.getString("touched")).put("store", data.getString("store"));
    }
}
