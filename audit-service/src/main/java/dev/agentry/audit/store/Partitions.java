package dev.agentry.audit.store;

import dev.agentry.audit.AuditServiceConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps a monthly partition in place for every month a row is written to. The migration makes the
 * previous month to three months ahead; this bean makes {@code partition-months-ahead} months
 * ahead at start and once a day, and, before a batch is written, any month of the batch it has not
 * seen yet (a late or back-filled record). Partitions are made by the schema owner through
 * {@code ensure_partitions()} (SECURITY DEFINER), never by the runtime role itself.
 */
@ApplicationScoped
public class Partitions {

    private static final Logger LOG = Logger.getLogger(Partitions.class);
    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    AuditServiceConfig config;

    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    void onStart(@Observes StartupEvent event) {
        ensureAhead().subscribe().with(n -> { }, e -> LOG.warn("could not make the partitions ahead", e));
        vertx.setPeriodic(DAY_MS, id -> ensureAhead().subscribe()
                .with(n -> { }, e -> LOG.warn("could not make the partitions ahead", e)));
    }

    /** Makes this month to {@code partition-months-ahead} months ahead; answers how many partitions were made. */
    public Uni<Integer> ensureAhead() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("SELECT ensure_partitions($1, $2)")
                .execute(Tuple.of(now, now.plusMonths(config.partitionMonthsAhead())))
                .map(rows -> rows.iterator().next().getInteger(0))
                .invoke(made -> {
                    if (made > 0) {
                        LOG.infof("made %d audit partitions ahead", made);
                    }
                });
    }

    /** Makes sure every month of {@code times} has its partitions. */
    public Uni<Void> ensure(Collection<Instant> times) {
        Set<YearMonth> missing = new TreeSet<>();
        for (Instant t : times) {
            YearMonth month = YearMonth.from(t.atOffset(ZoneOffset.UTC));
            if (!known.contains(month)) {
                missing.add(month);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<YearMonth> months = List.copyOf(missing);
        return Multi.createFrom().iterable(months)
                .onItem().transformToUniAndConcatenate(month -> {
                    OffsetDateTime start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
                    return pool.preparedQuery("SELECT ensure_partitions($1, $1)").execute(Tuple.of(start))
                            .invoke(() -> known.add(month));
                })
                .collect().last().replaceWithVoid();
    }

    /** Forgets what it has seen (after a write found a month without its partition, e.g. dropped by retention). */
    public void forget() {
        known.clear();
    }
}
