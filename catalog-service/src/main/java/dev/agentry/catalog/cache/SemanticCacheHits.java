package dev.agentry.catalog.cache;

import dev.agentry.catalog.CatalogServiceConfig;
import dev.agentry.common.db.Rows;
import dev.agentry.common.db.TenantTransactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * {@code hit_count} and {@code last_hit_at} without a write per hit: a hit adds to a count held in
 * memory per entry (an atomic {@code compute} on an immutable value, so no hit is lost to a
 * concurrent flush); every {@code hit-flush-interval}, or as soon as {@code max-pending-hits} entries
 * have unwritten hits, the counts are drained (an atomic {@code remove} per entry) and written as one
 * UPDATE per tenant ({@code unnest} of ids, counts and last times, in id order). A failed write puts
 * its counts back. What a replica has not flushed when it dies is lost (a count, never an answer);
 * at a normal shutdown it is flushed. Reads of an entry add the pending counts of this replica.
 */
@ApplicationScoped
public class SemanticCacheHits {

    private static final Logger LOG = Logger.getLogger(SemanticCacheHits.class);

    record Key(UUID tenant, UUID id) {
    }

    record Pending(long count, Instant last) {

        Pending plus(Pending other) {
            return new Pending(count + other.count, last.isAfter(other.last) ? last : other.last);
        }
    }

    private final ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean earlyFlush = new AtomicBoolean();
    private volatile long timer = -1;

    @Inject
    TenantTransactions tx;

    @Inject
    SemanticCacheStore store;

    @Inject
    CatalogServiceConfig config;

    @Inject
    Vertx vertx;

    void start(@Observes StartupEvent event) {
        long millis = Math.max(10, config.semanticCache().hitFlushInterval().toMillis());
        timer = vertx.setPeriodic(millis, id -> flush().subscribe().with(n -> {
        }, failure -> LOG.warnf(failure, "semantic cache: writing hits failed")));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf(e, "semantic cache: %d entries' hits not written at shutdown", pending.size());
        }
    }

    /** Counts one hit of the tenant's entry, at {@code at}. */
    void record(UUID tenant, UUID id, Instant at) {
        pending.merge(new Key(tenant, id), new Pending(1, at), Pending::plus);
        if (pending.size() >= config.semanticCache().maxPendingHits() && earlyFlush.compareAndSet(false, true)) {
            flush().onTermination().invoke(() -> earlyFlush.set(false)).subscribe().with(n -> {
            }, failure -> LOG.warnf(failure, "semantic cache: writing hits failed"));
        }
    }

    /** The entry as stored plus the hits of this replica not written yet. */
    SemanticCacheEntry withPending(UUID tenant, SemanticCacheEntry entry) {
        Pending p = pending.get(new Key(tenant, entry.id()));
        if (p == null) {
            return entry;
        }
        Instant last = entry.lastHitAt() == null || p.last().isAfter(entry.lastHitAt()) ? p.last() : entry.lastHitAt();
        return entry.withHits(entry.hitCount() + p.count(), last);
    }

    /** Entries with unwritten hits. */
    public int pendingEntries() {
        return pending.size();
    }

    /** Writes every pending count now (one UPDATE per tenant); answers the rows updated. */
    public Uni<Integer> flush() {
        Map<UUID, Map<UUID, Pending>> byTenant = new HashMap<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(key);
            if (p != null) {
                byTenant.computeIfAbsent(key.tenant(), t -> new HashMap<>()).put(key.id(), p);
            }
        }
        if (byTenant.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(byTenant.entrySet())
                .onItem().transformToUniAndConcatenate(e -> write(e.getKey(), e.getValue()))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> write(UUID tenant, Map<UUID, Pending> counts) {
        List<Map.Entry<UUID, Pending>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        UUID[] ids = new UUID[rows.size()];
        Long[] n = new Long[rows.size()];
        OffsetDateTime[] last = new OffsetDateTime[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).getKey();
            n[i] = rows.get(i).getValue().count();
            last[i] = Rows.timestamp(rows.get(i).getValue().last());
        }
        return tx.inTenant(tenant, conn -> store.addHits(conn, tenant, ids, n, last))
                .onFailure().recoverWithItem(failure -> {
                    // Put the counts back for the next flush (merged with hits counted meanwhile).
                    counts.forEach((id, p) -> pending.merge(new Key(tenant, id), p, Pending::plus));
                    LOG.warnf(failure, "semantic cache: hits of tenant %s not written, kept for the next flush", tenant);
                    return 0;
                });
    }
}
