package dev.agentry.common.events;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Appends domain events to the suite's event stream ({@code XADD MAXLEN ~}); answers the entry id. */
@ApplicationScoped
public class DomainEventPublisher {

    @Inject
    Instance<ReactiveRedisDataSource> redis;

    @Inject
    EventsConfig config;

    public Uni<String> publish(DomainEvent event) {
        return redis.get().stream(String.class).xadd(config.key(), new XAddArgs().maxlen(config.maxLength()).nearlyExactTrimming(),
                event.toFields());
    }
}
