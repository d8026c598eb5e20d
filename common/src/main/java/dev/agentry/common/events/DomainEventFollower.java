package dev.agentry.common.events;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * A bean that follows some types of the event stream as one consumer group: it makes its
 * {@link DomainEventConsumer} at start, runs it on a timer when {@link #enabled()}, stops it at
 * shutdown, and lets tests take one round by hand ({@link #pollOnce()}). Subclasses say which group,
 * which types, and what handling an event means (idempotent: an entry may come twice).
 */
public abstract class DomainEventFollower {

    @Inject
    protected Vertx vertx;

    @Inject
    protected Instance<ReactiveRedisDataSource> redis;

    @Inject
    protected EventsConfig events;

    private DomainEventConsumer consumer;

    /** The consumer group: every replica of the service shares it, each entry goes to one of them. */
    protected abstract String group();

    protected abstract Set<String> types();

    /** Whether the timer runs (false: tests poll by hand). */
    protected abstract boolean enabled();

    protected abstract Uni<Void> handle(DomainEvent event);

    /** Whether this service follows at all (e.g. only when it has something to act on). */
    protected boolean takesPart() {
        return true;
    }

    protected void start(@Observes StartupEvent event) {
        if (!takesPart()) {
            return;
        }
        consumer = new DomainEventConsumer(vertx, redis.get(), events, group(), types(), this::handle);
        if (enabled()) {
            consumer.start();
        }
    }

    protected void stop(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.stop();
        }
    }

    /** One round now (tests); 0 when this service does not take part. */
    public Uni<Integer> pollOnce() {
        return consumer == null ? Uni.createFrom().item(0) : consumer.poll();
    }
}
