package dev.agentry.audit.stream;

import dev.agentry.audit.AuditServiceConfig;
import dev.agentry.audit.store.AuditRow;
import dev.agentry.audit.store.InvalidRecordException;
import dev.agentry.audit.store.RecordRows;
import dev.agentry.audit.store.RecordWriter;
import dev.agentry.common.audit.AuditRecord;
import dev.agentry.common.audit.AuditStreamConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The audit stream's consumer: reads entries as a member of the consumer group, writes them in
 * batches (idempotent by id and time) and acknowledges them only once the rows are committed. A
 * crash between the two leaves the entries pending; after {@code claim-idle} any live consumer
 * takes them over with XAUTOCLAIM and writes them again (the duplicates are ignored), so nothing
 * is lost and nothing is stored twice.
 *
 * <p>An entry that cannot be read or checked is dead-lettered at once (retrying cannot fix it).
 * When the database refuses a batch for its data, the batch is retried record by record; a record
 * refused {@code max-attempts} times moves to its tenant's dead-letter stream and is acknowledged.
 * Any other failure (database or Redis unreachable) leaves the whole batch pending and the loop
 * backs off. Acknowledged entries are trimmed off the stream after {@code keep-acknowledged}, never
 * an entry that is pending or not yet delivered (see {@link #trim()}).
 *
 * <p>The loop is a chain of non-blocking Redis and PostgreSQL calls on the event loop; the only
 * wait is XREADGROUP's BLOCK, which holds a Redis connection, not a thread.
 */
@ApplicationScoped
public class StreamConsumer {

    private static final Logger LOG = Logger.getLogger(StreamConsumer.class);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    AuditStreamConfig stream;

    @Inject
    AuditServiceConfig config;

    @Inject
    RecordWriter writer;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    private ReactiveStreamCommands<String, String, String> commands;
    private Counter storedCounter;
    private Counter duplicateCounter;
    private Counter deadCounter;

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile String consumer;
    private volatile CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    private volatile boolean abandonNext;
    private String claimCursor = "0-0";
    private long lastClaim;
    /** The highest entry id this consumer has acknowledged: every entry up to it was delivered. */
    private volatile String maxAcked;
    private long trimTimer = -1;

    @PostConstruct
    void init() {
        commands = redis.stream(String.class);
        storedCounter = registry.counter("agentry.audit.records.stored");
        duplicateCounter = registry.counter("agentry.audit.records.duplicate");
        deadCounter = registry.counter("agentry.audit.records.dead_lettered");
    }

    void onStart(@Observes StartupEvent event) {
        if (config.consumerEnabled()) {
            start().subscribe().with(v -> LOG.infof("consuming %s as %s/%s", stream.key(), config.group(), consumer),
                    e -> LOG.error("could not start the audit stream consumer", e));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** Joins the group (creating it and the stream when missing) and starts the loop; a no-op when running. */
    public synchronized Uni<Void> start() {
        if (running) {
            return Uni.createFrom().voidItem();
        }
        String host = System.getenv().getOrDefault("HOSTNAME", "audit-service");
        consumer = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        claimCursor = "0-0";
        lastClaim = 0;
        return ensureGroup().invoke(() -> {
            synchronized (this) {
                running = true;
                stopped = new CompletableFuture<>();
            }
            vertx.setTimer(1, id -> loop());
            if (trimTimer < 0 && config.trimInterval().toMillis() > 0) {
                trimTimer = vertx.setPeriodic(config.trimInterval().toMillis(), id -> trim().subscribe()
                        .with(n -> { }, e -> LOG.debugf("trimming the audit stream failed: %s", e.toString())));
            }
        });
    }

    /**
     * Trims acknowledged entries off the stream: below the oldest pending entry (delivered, not yet
     * acknowledged by any consumer), below the highest entry this consumer acknowledged (entries up
     * to it were all delivered, so what is not pending below it is acknowledged), and older than
     * {@code keep-acknowledged}. Entries never delivered lie above all three and are never trimmed.
     * Answers how many entries were removed.
     */
    public Uni<Long> trim() {
        String acked = maxAcked;
        if (acked == null) {
            return Uni.createFrom().item(0L);
        }
        return commands.xpending(stream.key(), config.group()).chain(summary -> {
            String bound = acked;
            if (summary.getPendingCount() > 0 && summary.getLowestId() != null
                    && compareIds(summary.getLowestId(), bound) < 0) {
                bound = summary.getLowestId();
            }
            String keep = (System.currentTimeMillis() - config.keepAcknowledged().toMillis()) + "-0";
            if (compareIds(keep, bound) < 0) {
                bound = keep;
            }
            return commands.xtrim(stream.key(), new XTrimArgs().minid(bound));
        });
    }

    /** Orders two stream entry ids ({@code <ms>-<seq>}). */
    static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, da)), Long.parseLong(b.substring(0, db)));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
    }

    /** Stops after the batch in flight (which is written and acknowledged first). */
    public Uni<Void> stop() {
        running = false;
        return Uni.createFrom().completionStage(stopped);
    }

    /**
     * Tests only: the next batch is read and then dropped without writing or acknowledging it, and
     * the loop ends: what a consumer killed mid-batch leaves behind (pending entries of a consumer
     * that never comes back).
     */
    public void abandonNextBatch() {
        abandonNext = true;
    }

    public boolean isRunning() {
        return running;
    }

    public String consumerName() {
        return consumer;
    }

    private Uni<Void> ensureGroup() {
        return commands.xgroupCreate(stream.key(), config.group(), "0", new XGroupCreateArgs().mkstream())
                .onFailure(e -> String.valueOf(e.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .replaceWithVoid();
    }

    private void loop() {
        if (!running) {
            stopped.complete(null);
            return;
        }
        iteration().subscribe().with(n -> schedule(1), e -> {
            if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                // The stream or the group was deleted under us (an operator, a test): join again.
                LOG.warnf("consumer group %s is gone from %s: creating it again", config.group(), stream.key());
                ensureGroup().subscribe().with(v -> schedule(1), x -> schedule(config.retryBackoff().toMillis()));
                return;
            }
            LOG.warnf("audit stream batch failed, its entries stay pending: %s", e.toString());
            schedule(config.retryBackoff().toMillis());
        });
    }

    private void schedule(long delayMs) {
        vertx.setTimer(Math.max(1, delayMs), id -> loop());
    }

    private Uni<Integer> iteration() {
        long now = System.currentTimeMillis();
        Uni<List<StreamMessage<String, String, String>>> batch;
        if (now - lastClaim >= config.claimIdle().toMillis() / 2) {
            lastClaim = now;
            batch = commands.xautoclaim(stream.key(), config.group(), consumer, config.claimIdle(), claimCursor,
                    config.batchSize())
                    .map(claimed -> {
                        claimCursor = claimed.getId() == null ? "0-0" : claimed.getId();
                        if (!"0-0".equals(claimCursor)) {
                            lastClaim = 0; // more to claim: claim again next round
                        }
                        return claimed.getMessages() == null ? List.<StreamMessage<String, String, String>>of()
                                : claimed.getMessages();
                    })
                    .chain(claimed -> claimed.isEmpty() ? read() : Uni.createFrom().item(claimed));
        } else {
            batch = read();
        }
        return batch.chain(this::process);
    }

    private Uni<List<StreamMessage<String, String, String>>> read() {
        return commands.xreadgroup(config.group(), consumer, stream.key(), ">",
                new XReadGroupArgs().count(config.batchSize()).block(config.pollBlock()))
                .map(messages -> messages == null ? List.of() : messages);
    }

    private Uni<Integer> process(List<StreamMessage<String, String, String>> messages) {
        if (messages.isEmpty() || !running) {
            return Uni.createFrom().item(0);
        }
        if (abandonNext) {
            abandonNext = false;
            running = false;
            LOG.infof("abandoning a batch of %d entries unacknowledged (test hook)", messages.size());
            return Uni.createFrom().item(0);
        }
        List<String> acks = Collections.synchronizedList(new ArrayList<>());
        List<AuditRow> rows = new ArrayList<>();
        List<String> rowEntries = new ArrayList<>();
        List<Uni<String>> dead = new ArrayList<>();
        for (StreamMessage<String, String, String> m : messages) {
            Map<String, String> payload = m.payload();
            if (payload == null || payload.isEmpty()) {
                acks.add(m.id()); // deleted from the stream meanwhile: nothing to store
                continue;
            }
            try {
                rows.add(RecordRows.row(AuditRecord.fromFields(payload), ""));
                rowEntries.add(m.id());
            } catch (IllegalArgumentException | InvalidRecordException e) {
                dead.add(deadLetter(m, e.getMessage(), 1));
                acks.add(m.id());
            }
        }
        Uni<Void> setAside = dead.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(dead).andFailFast().replaceWithVoid();
        return setAside
                .chain(() -> writer.write(rows).invoke(inserted -> {
                    acks.addAll(rowEntries);
                    rowEntries.forEach(attempts::remove);
                    count(inserted, rows.size());
                }).onFailure(RecordWriter::isDataError).recoverWithUni(e -> oneByOne(rows, rowEntries, acks, messages)))
                .chain(inserted -> ack(acks).replaceWith(inserted));
    }

    /** After a batch the database refused for its data: each record alone, to set the culprit aside. */
    private Uni<Integer> oneByOne(List<AuditRow> rows, List<String> entryIds, List<String> acks,
            List<StreamMessage<String, String, String>> messages) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        return Multi.createFrom().iterable(order).onItem().transformToUniAndConcatenate(i -> {
            AuditRow row = rows.get(i);
            String entryId = entryIds.get(i);
            return writer.write(List.of(row)).invoke(inserted -> {
                acks.add(entryId);
                attempts.remove(entryId);
                count(inserted, 1);
            }).onFailure(RecordWriter::isDataError).recoverWithUni(e -> {
                int tries = attempts.merge(entryId, 1, Integer::sum);
                if (tries < config.maxAttempts()) {
                    LOG.debugf("entry %s refused (%d of %d attempts): %s", entryId, tries, config.maxAttempts(), e.getMessage());
                    return Uni.createFrom().item(0); // stays pending; reclaimed after claim-idle
                }
                StreamMessage<String, String, String> m = messages.stream().filter(x -> x.id().equals(entryId))
                        .findFirst().orElseThrow();
                return deadLetter(m, e.getMessage(), tries).invoke(() -> {
                    acks.add(entryId);
                    attempts.remove(entryId);
                }).replaceWith(0);
            });
        }).collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<String> deadLetter(StreamMessage<String, String, String> m, String error, int tries) {
        UUID tenant = null;
        try {
            tenant = UUID.fromString(m.payload().get(AuditRecord.TENANT_ID));
        } catch (RuntimeException e) {
            // unreadable tenant: the operators' dead-letter stream
        }
        LOG.warnf("audit entry %s dead-lettered after %d attempt(s): %s", m.id(), tries, error);
        deadCounter.increment();
        return deadLetters.add(tenant, m.id(), m.payload(), error, tries);
    }

    private Uni<Void> ack(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return commands.xack(stream.key(), config.group(), ids.toArray(String[]::new)).invoke(() -> {
            for (String id : ids) {
                String current = maxAcked;
                if (current == null || compareIds(id, current) > 0) {
                    maxAcked = id;
                }
            }
        }).replaceWithVoid();
    }

    private void count(int inserted, int written) {
        storedCounter.increment(inserted);
        duplicateCounter.increment(written - inserted);
    }
}
