package dev.agentry.audit.retention;

import dev.agentry.audit.AuditServiceConfig;
import dev.agentry.audit.store.AuditTable;
import dev.agentry.audit.store.Partitions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Removes what is older than each tenant's retention, as the redactor role (the runtime role cannot
 * delete an audit row), one replica at a time (a PostgreSQL session advisory lock held by the run's
 * connection; a replica that dies releases it with its connection). A run:
 * <ol>
 * <li>finds the tenants with rows older than the minimum retention, and each one's retention
 * (a Redis failure stops the run before anything is removed);</li>
 * <li>drops every monthly partition that ends before {@code now - longest retention}: no tenant
 * keeps anything that old, and dropping a month costs the same at any size (audit_logs
 * partitions have each tenant's chain anchored first, in the same transaction);</li>
 * <li>deletes, per tenant and table, the rows older than the tenant's own retention in batches of
 * {@code batch-size}, each its own short transaction bound to the tenant; audit_logs batches
 * take the tenant's chain lock and keep the anchor in the same statement.</li>
 * </ol>
 * A drop that cannot get its locks within {@code lock-timeout} is left for the next run (the deletes
 * still remove the rows, slower); a tenant whose delete fails is logged and left for the next run;
 * the others go on.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final String ROWS_METRIC = "agentry.audit.retention.rows.deleted";
    static final String PARTITIONS_METRIC = "agentry.audit.retention.partitions.dropped";

    @Inject
    @ReactiveDataSource("redactor")
    Pool pool;

    @Inject
    RetentionStore store;

    @Inject
    TenantRetention retention;

    @Inject
    Partitions partitions;

    @Inject
    AuditServiceConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Vertx vertx;

    private volatile long timer = -1;

    void onStart(@Observes StartupEvent event) {
        if (!config.retention().enabled()) {
            return;
        }
        timer = vertx.setPeriodic(config.retention().interval().toMillis(), id -> run().subscribe().with(
                r -> {
                    if (r.ran()) {
                        LOG.infof("audit retention: %d tenants, partitions dropped %s, rows deleted %s, anchors %d",
                                r.tenants(), r.partitionsDropped(), r.rowsDeleted(), r.anchors());
                    }
                },
                e -> LOG.warn("audit retention run failed; the next run tries again", e)));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One run now (unless another replica is running one: then {@code ran} is false). */
    public Uni<RetentionRun> run() {
        Instant now = Instant.now();
        return pool.withConnection(conn -> store.tryLock(conn).flatMap(locked -> !locked
                ? Uni.createFrom().item(RetentionRun.skipped(now))
                : work(conn, now).call(() -> store.unlock(conn))
                        .onFailure().call(e -> store.unlock(conn).onFailure().recoverWithNull())));
    }

    private Uni<RetentionRun> work(SqlConnection conn, Instant now) {
        return store.tenantsWithRowsBefore(conn, now.minus(config.retention().minimum()))
                .flatMap(tenants -> Multi.createFrom().iterable(tenants)
                        .onItem().transformToUniAndConcatenate(t -> retention.of(t).map(d -> Map.entry(t, d)))
                        .collect().asMap(Map.Entry::getKey, Map.Entry::getValue))
                .flatMap(byTenant -> {
                    Duration longest = byTenant.values().stream().reduce(config.retention().defaultRetention(),
                            (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    return store.dropPartitionsBefore(conn, now.minus(longest), config.retention().lockTimeout())
                            // Not dropped this time (locks not granted in time): the batched deletes
                            // below still remove what each tenant's retention says, only slower.
                            .onFailure().recoverWithItem(e -> {
                                LOG.warnf("audit partitions before %s not dropped this run: %s", now.minus(longest), e.getMessage());
                                return List.of();
                            })
                            .invoke(dropped -> {
                                if (!dropped.isEmpty()) {
                                    partitions.forget();
                                    metrics.counter(PARTITIONS_METRIC).increment(dropped.size());
                                }
                            })
                            .flatMap(dropped -> deleteAll(conn, byTenant, now)
                                    .map(tally -> new RetentionRun(true, now, byTenant.size(), longest, dropped,
                                            tally.rows, tally.anchors.get())));
                });
    }

    private Uni<Tally> deleteAll(SqlConnection conn, Map<UUID, Duration> byTenant, Instant now) {
        Tally tally = new Tally();
        return Multi.createFrom().iterable(byTenant.entrySet())
                .onItem().transformToUniAndConcatenate(e -> deleteTenant(conn, e.getKey(), now.minus(e.getValue()), tally)
                        .onFailure().recoverWithItem(err -> {
                            LOG.errorf(err, "audit retention failed for tenant %s; the next run tries again", e.getKey());
                            return null;
                        }))
                .collect().last().replaceWith(tally);
    }

    private Uni<Void> deleteTenant(SqlConnection conn, UUID tenant, Instant cutoff, Tally tally) {
        return Multi.createFrom().items(AuditTable.values())
                .onItem().transformToUniAndConcatenate(table -> purge(conn, tenant, table, cutoff, tally))
                .collect().last().replaceWithVoid();
    }

    /** Batch after batch, each its own transaction, until a batch comes back short. */
    private Uni<Void> purge(SqlConnection conn, UUID tenant, AuditTable table, Instant cutoff, Tally tally) {
        int batch = config.retention().batchSize();
        return store.inTenant(conn, tenant, c -> store.deleteBatch(c, tenant, table, cutoff, batch))
                .flatMap(removed -> {
                    if (removed.rows() > 0) {
                        tally.rows.merge(table.tableName(), (long) removed.rows(), Long::sum);
                        tally.anchors.addAndGet(removed.anchors());
                        metrics.counter(ROWS_METRIC, "table", table.tableName()).increment(removed.rows());
                    }
                    return removed.rows() < batch ? Uni.createFrom().voidItem() : purge(conn, tenant, table, cutoff, tally);
                });
    }

    /** Rows deleted per table and anchors kept, summed over a run (tenants are handled one after another). */
    private static final class Tally {
        final Map<String, Long> rows = new LinkedHashMap<>();
        final AtomicLong anchors = new AtomicLong();
    }
}
