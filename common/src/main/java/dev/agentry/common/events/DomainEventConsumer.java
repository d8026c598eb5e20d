package dev.agentry.common.events;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reads the event stream as one consumer group (a service's name: every instance shares the work,
 * each entry goes to one of them), hands the events of the wanted types to a handler in order, and
 * acknowledges each one handled. A failed one stays pending and is taken up again after
 * {@code claim-idle} (by this instance or another, XAUTOCLAIM), up to {@code max-attempts}; then it
 * is logged and acknowledged, so one poison entry cannot stop the group. Handlers must be idempotent:
 * an entry handled just before a crash is handled again.
 */
public final class DomainEventConsumer {

    private static final Logger LOG = Logger.getLogger(DomainEventConsumer.class);

    private final Vertx vertx;
    private final ReactiveStreamCommands<String, String, String> stream;
    private final EventsConfig config;
    private final String group;
    private final Set<String> types;
    private final Function<DomainEvent, Uni<Void>> handler;
    private final String consumer = "c-" + UUID.randomUUID();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private volatile boolean running;
    private long lastClaim;

    public DomainEventConsumer(Vertx vertx, ReactiveRedisDataSource redis, EventsConfig config, String group, Set<String> types,
            Function<DomainEvent, Uni<Void>> handler) {
        this.vertx = vertx;
        this.stream = redis.stream(String.class);
        this.config = config;
        this.group = group;
        this.types = Set.copyOf(types);
        this.handler = handler;
    }

    public void start() {
        running = true;
        ensureGroup().subscribe().with(v -> schedule(0), e -> {
            LOG.warnf("event consumer group %s could not be created yet: %s", group, e.toString());
            schedule(config.pollInterval().toMillis());
        });
    }

    public void stop() {
        running = false;
    }

    /** One round now: claim or read, handle, acknowledge; answers how many entries were taken. For tests and the timer. */
    public Uni<Integer> poll() {
        // The group is made on start; a poll without one (a test polling by hand, a stream deleted
        // under it) makes it and reads again.
        return batch().onFailure(e -> String.valueOf(e.getMessage()).contains("NOGROUP"))
                .recoverWithUni(e -> ensureGroup().flatMap(v -> batch()))
                .flatMap(this::handle);
    }

    private Uni<Void> ensureGroup() {
        return stream.xgroupCreate(config.key(), group, "0", new XGroupCreateArgs().mkstream())
                .onFailure(e -> String.valueOf(e.getMessage()).contains("BUSYGROUP")).recoverWithNull().replaceWithVoid();
    }

    private void schedule(long delay) {
        if (running) {
            vertx.setTimer(Math.max(1, delay), id -> poll().subscribe().with(n -> schedule(n > 0 ? 1 : config.pollInterval().toMillis()),
                    e -> {
                        if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                            ensureGroup().subscribe().with(v -> schedule(1), x -> schedule(config.pollInterval().toMillis()));
                            return;
                        }
                        LOG.warnf("event stream round failed, its entries stay pending: %s", e.toString());
                        schedule(config.pollInterval().toMillis());
                    }));
        }
    }

    private Uni<List<StreamMessage<String, String, String>>> batch() {
        long now = System.currentTimeMillis();
        if (now - lastClaim >= config.claimIdle().toMillis() / 2) {
            lastClaim = now;
            return stream.xautoclaim(config.key(), group, consumer, config.claimIdle(), "0-0", config.batchSize())
                    .map(claimed -> claimed.getMessages() == null ? List.<StreamMessage<String, String, String>> of() : claimed.getMessages())
                    .chain(claimed -> claimed.isEmpty() ? read() : Uni.createFrom().item(claimed));
        }
        return read();
    }

    private Uni<List<StreamMessage<String, String, String>>> read() {
        return stream.xreadgroup(group, consumer, config.key(), ">", new XReadGroupArgs().count(config.batchSize()))
                .map(messages -> messages == null ? List.of() : messages);
    }

    private Uni<Integer> handle(List<StreamMessage<String, String, String>> messages) {
        // Each handling is a Uni<Void>, which emits no item into the Multi: the batch's size is the count.
        return Multi.createFrom().iterable(messages).onItem().transformToUniAndConcatenate(this::handleOne).collect().asList()
                .map(handled -> messages.size());
    }

    private Uni<Void> handleOne(StreamMessage<String, String, String> message) {
        DomainEvent event;
        try {
            event = DomainEvent.fromFields(message.payload());
        } catch (IllegalArgumentException e) {
            LOG.errorf("event stream entry %s is not a domain event; acknowledged unhandled", message.id());
            return ack(message.id());
        }
        if (!types.contains(event.type())) {
            return ack(message.id());
        }
        return handler.apply(event).flatMap(v -> {
            failures.remove(message.id());
            return ack(message.id());
        }).onFailure().recoverWithUni(e -> {
            int attempts = failures.merge(message.id(), 1, Integer::sum);
            if (attempts >= config.maxAttempts()) {
                failures.remove(message.id());
                LOG.errorf(e, "event %s (%s of tenant %s) failed %d times; given up", event.id(), event.type(), event.tenantId(), attempts);
                return ack(message.id());
            }
            LOG.warnf("event %s (%s) failed, retried after %s: %s", event.id(), event.type(), config.claimIdle(), e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> ack(String id) {
        return stream.xack(config.key(), group, id).replaceWithVoid();
    }
}
