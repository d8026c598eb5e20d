package dev.agentry.profile.erasure;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventPublisher;
import dev.agentry.profile.ProfileServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Announces erasures on the event stream ({@code profile.erased}) after their commit, and again
 * when one is still not complete {@code reannounce-after} its last announcement: a stream that was
 * down when the erasure committed, or a store that gave up on it, gets it once more. The stores
 * erase idempotently, so a repeat costs a lookup that finds nothing.
 */
@ApplicationScoped
public class ErasureAnnouncer {

    private static final Logger LOG = Logger.getLogger(ErasureAnnouncer.class);

    @Inject
    DomainEventPublisher events;

    @Inject
    TenantTransactions tx;

    @Inject
    ErasureStore store;

    @Inject
    ProfileServiceConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Vertx vertx;

    private volatile long timer = -1;

    void start(@Observes StartupEvent event) {
        long every = config.erasure().reannounceInterval().toMillis();
        if (every > 0) {
            timer = vertx.setPeriodic(every, id -> reannounceDue(Instant.now().minus(config.erasure().reannounceAfter()))
                    .subscribe().with(n -> {
                    }, e -> LOG.warnf("erasure re-announcement round failed: %s", e.toString())));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Announces one erasure; a stream that is down leaves it unannounced (counted) for the next round. */
    public Uni<Void> announce(UUID tenantId, ErasureRow erasure) {
        String profiles = erasure.erasedProfileIds().stream().map(UUID::toString).collect(Collectors.joining(","));
        return events.publish(DomainEvent.of(DomainEvent.PROFILE_ERASED, tenantId,
                Map.of("erasure_id", erasure.id().toString(), "profile_ids", profiles)))
                .flatMap(entry -> tx.inTenant(tenantId, conn -> store.markAnnounced(conn, tenantId, erasure.id())))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("erasure %s not announced yet: %s", erasure.id(), e.toString());
                    metrics.counter("agentry.profile.erasure.unannounced").increment();
                    return null;
                });
    }

    /** Announces again every open erasure last announced before {@code before} (or never); answers how many. */
    public Uni<Integer> reannounceDue(Instant before) {
        return tx.withoutTenant(conn -> store.tenantsWithOpenErasures(conn, before))
                .flatMap(tenants -> Multi.createFrom().iterable(tenants)
                        .onItem().transformToUniAndConcatenate(tenant -> reannounce(tenant, before)).collect().asList()
                        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<Integer> reannounce(UUID tenantId, Instant before) {
        return tx.inTenant(tenantId, conn -> store.openErasures(conn, tenantId, before, config.erasure().reannounceBatch()))
                .flatMap((List<ErasureRow> open) -> Multi.createFrom().iterable(open)
                        // A Uni<Void> emits no item into a Multi: count each announcement as a 1.
                        .onItem().transformToUniAndConcatenate(e -> announce(tenantId, e).replaceWith(1)).collect().asList()
                        .map(List::size));
    }
}
