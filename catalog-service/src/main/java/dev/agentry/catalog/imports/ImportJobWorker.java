package dev.agentry.catalog.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.catalog.CatalogServiceConfig;
import dev.agentry.common.db.TenantTransactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Processes import jobs in the background. Every {@code import.poll-interval} (and at once when a
 * job is created here) it asks the database for unfinished jobs of every tenant (the V5 queue
 * function: ids only), claims each it is not already running (a lease in the row, so two replicas
 * never process one job, and a job whose replica stopped is claimed again when its lease runs out)
 * and processes its rows in order from {@code records_processed}: each row through
 * {@link OfferingImporter}, then its progress and errors written with the lease extended. A
 * cancelled job is seen at the next progress write and left. Rows are idempotent, so a row done
 * again after a restart changes nothing. Everything is non-blocking (the reactive client, the
 * embedding provider's own threads).
 */
@ApplicationScoped
public class ImportJobWorker {

    private static final Logger LOG = Logger.getLogger(ImportJobWorker.class);
    private static final TypeReference<List<Map<String, Object>>> RECORDS = new TypeReference<>() {
    };

    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile long timer = -1;
    private volatile boolean stopped;

    @Inject
    TenantTransactions tx;

    @Inject
    ImportJobStore store;

    @Inject
    OfferingImporter offerings;

    @Inject
    FaqImporter faq;

    @Inject
    CatalogServiceConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(50, config.imports().pollInterval().toMillis()), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Looks for unfinished jobs now (a poll already running is enough). */
    public void wake() {
        if (stopped || !polling.compareAndSet(false, true)) {
            return;
        }
        poll().onTermination().invoke(() -> polling.set(false)).subscribe().with(n -> {
        }, failure -> LOG.warnf(failure, "import jobs: polling failed"));
    }

    /** Claims and starts the unfinished jobs this replica is not running; answers how many it started. */
    public Uni<Integer> poll() {
        int free = config.imports().maxConcurrentJobs() - running.size();
        if (free <= 0) {
            return Uni.createFrom().item(0);
        }
        return tx.withoutTenant(conn -> store.unfinished(conn, free + running.size())).map(jobs -> {
            int started = 0;
            for (ImportJobStore.Claimable job : jobs) {
                if (running.size() < config.imports().maxConcurrentJobs() && running.add(job.id())) {
                    started++;
                    run(job).onTermination().invoke(() -> running.remove(job.id())).subscribe().with(v -> {
                    }, failure -> LOG.warnf(failure, "import job %s stopped; it is resumed when its lease runs out", job.id()));
                }
            }
            return started;
        });
    }

    /** Whether this replica is processing a job now. */
    public boolean busy() {
        return !running.isEmpty();
    }

    private Uni<Void> run(ImportJobStore.Claimable job) {
        long lease = config.imports().lease().toMillis();
        return tx.inTenant(job.tenant(), conn -> store.claim(conn, job.tenant(), job.id(), lease)).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem(); // another replica has it, or it finished
            }
            List<Map<String, Object>> records;
            try {
                JsonArray raw = claimed.get().records();
                records = json.readValue(raw == null ? "[]" : raw.encode(), RECORDS);
            } catch (Exception e) {
                return tx.inTenant(job.tenant(), conn -> store.finish(conn, job.tenant(), job.id(), "failed",
                        "the job's records could not be read: " + e.getMessage()));
            }
            return process(job, claimed.get().kind(), records, claimed.get().processed(), lease);
        });
    }

    /** One row of a job of {@code kind}: its errors (parsing again what was checked at upload cannot fail). */
    private Uni<List<ImportRowError>> apply(UUID tenant, String kind, int row, Map<String, Object> record) {
        List<ImportRowError> parse = new ArrayList<>();
        if ("faq".equals(kind)) {
            FaqRow r = FaqRow.parse(record, row, parse);
            return r == null ? Uni.createFrom().item(parse) : faq.apply(tenant, row, r);
        }
        OfferingRow r = OfferingRow.parse(record, row, json, parse);
        return r == null ? Uni.createFrom().item(parse) : offerings.apply(tenant, row, r);
    }

    private Uni<Void> process(ImportJobStore.Claimable job, String kind, List<Map<String, Object>> records, int from, long lease) {
        AtomicBoolean cancelled = new AtomicBoolean();
        return Multi.createFrom().range(from, records.size())
                .onItem().transformToUniAndConcatenate(i -> {
                    if (cancelled.get() || stopped) {
                        return Uni.createFrom().voidItem();
                    }
                    int row = i + 1;
                    Map<String, Object> record = records.get(i);
                    Uni<List<ImportRowError>> errors;
                    if (record == null) {
                        errors = Uni.createFrom().item(List.of()); // refused when the file was read, reported then
                    } else {
                        errors = apply(job.tenant(), kind, row, record);
                    }
                    return errors.chain(rowErrors -> tx.inTenant(job.tenant(), conn -> store.progress(conn, job.tenant(), job.id(), row,
                            ImportJobStore.json(rowErrors), lease))).invoke(still -> {
                                if (!still) {
                                    cancelled.set(true);
                                }
                            }).replaceWithVoid();
                })
                .collect().last()
                .chain(() -> cancelled.get() || stopped ? Uni.createFrom().voidItem()
                        : tx.inTenant(job.tenant(), conn -> store.finish(conn, job.tenant(), job.id(), "completed", null)));
    }
}
