package dev.agentry.conversation.session;

import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventConsumer;
import dev.agentry.common.events.EventsConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows profile-service's merges from the event stream ({@code profile.merged}, consumer group
 * {@code conversation-service}): the merged profile's sessions and customer index move to the
 * survivor, exactly as {@code POST /v1/sessions/customer-merges} does (idempotent, so a repeat or a
 * redelivery changes nothing more). Off with {@code agentry.conversation.follow-profile-merges=false}.
 */
@ApplicationScoped
public class ProfileMergeFollower {

    private static final Logger LOG = Logger.getLogger(ProfileMergeFollower.class);
    static final String GROUP = "conversation-service";

    @Inject
    Vertx vertx;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    EventsConfig events;

    @Inject
    SessionService sessions;

    @ConfigProperty(name = "agentry.conversation.follow-profile-merges", defaultValue = "true")
    boolean enabled;

    private DomainEventConsumer consumer;

    void start(@Observes StartupEvent event) {
        consumer = new DomainEventConsumer(vertx, redis, events, GROUP, Set.of(DomainEvent.PROFILE_MERGED), this::follow);
        if (enabled) {
            consumer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /** One round now (tests, and operators through nothing else: the timer runs it). */
    public Uni<Integer> pollOnce() {
        return consumer.poll();
    }

    private Uni<Void> follow(DomainEvent event) {
        UUID from = UUID.fromString(event.data().get("from_profile_id"));
        UUID to = UUID.fromString(event.data().get("to_profile_id"));
        return sessions.followMerge(event.tenantId(), from, to).invoke(receipt -> {
            if (receipt.sessionsMoved() > 0) {
                LOG.infof("profile %s merged into %s: %d session(s) followed", from, to, receipt.sessionsMoved());
            }
        }).replaceWithVoid();
    }
}
