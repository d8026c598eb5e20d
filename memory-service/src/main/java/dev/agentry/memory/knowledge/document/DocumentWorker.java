package dev.agentry.memory.knowledge.document;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import dev.agentry.memory.knowledge.collection.CollectionStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Indexes uploaded files in the background. An upload leaves its document {@code pending} with the
 * text to index and {@link #kick kicks} the worker; the worker also looks at start and every
 * {@code agentry.memory.knowledge.indexing.scan-interval}, so a document left by a stopped or killed
 * instance (pending, or processing under an expired lease) is finished by whichever instance looks
 * next. One document at a time per instance: it is claimed (status processing, a lease with a
 * token), chunked, embedded in batches with its progress and lease renewed after each, and written
 * whole in one transaction by {@link DocumentIndexer}. Several instances share the queue safely:
 * a claim is one conditional UPDATE, and only the lease holder may write the chunks.
 */
@ApplicationScoped
public class DocumentWorker {

    private static final Logger LOG = Logger.getLogger(DocumentWorker.class);
    private static final int QUEUE_PAGE = 20;

    @Inject
    Vertx vertx;

    @Inject
    TenantTransactions tx;

    @Inject
    DocumentStore store;

    @Inject
    ChunkStore chunks;

    @Inject
    CollectionStore collections;

    @Inject
    DocumentIndexer indexer;

    @Inject
    MemoryConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        long interval = config.knowledge().indexing().scanInterval().toMillis();
        if (interval > 0) {
            timer = vertx.setPeriodic(interval, id -> kick());
        }
        // Whatever an earlier run left unfinished.
        vertx.setTimer(1000, id -> kick());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Looks for work now (after an upload); a pass already running looks again when it is done. */
    public void kick() {
        again.set(true);
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        pass().subscribe().with(n -> finishPass(), failure -> {
            LOG.error("document indexing pass failed", failure);
            finishPass();
        });
    }

    private void finishPass() {
        running.set(false);
        if (again.get() && !stopped) {
            kick();
        }
    }

    /** Every unfinished document, one at a time, until none is left. */
    private Uni<Integer> pass() {
        return tx.withoutTenant(conn -> store.unfinished(conn, QUEUE_PAGE)).flatMap(found -> {
            if (found.isEmpty() || stopped) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(found).onItem().transformToUniAndConcatenate(this::process)
                    .collect().asList().map(List::size)
                    // More may be waiting than one page: look again (a document that could not be claimed is skipped by the claim).
                    .flatMap(n -> found.size() == QUEUE_PAGE ? pass().map(m -> n + m) : Uni.createFrom().item(n));
        });
    }

    /** Claims and indexes one document; never fails (a failure is recorded on the document, or logged). */
    Uni<Boolean> process(Map.Entry<UUID, UUID> entry) {
        UUID tenant = entry.getKey();
        UUID id = entry.getValue();
        UUID token = UUID.randomUUID();
        Duration lease = config.knowledge().indexing().lease();
        return tx.inTenant(tenant, conn -> store.claim(conn, tenant, id, token, lease).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item((Work) null);
            }
            DocumentStore.Claimed c = claimed.get();
            if (c.attempts() > config.knowledge().indexing().maxAttempts()) {
                return store.markFailed(conn, tenant, id, "indexing was interrupted " + (c.attempts() - 1) + " times; giving up")
                        .replaceWith((Work) null);
            }
            return collections.find(conn, tenant, c.document().collectionId()).flatMap(collection -> {
                if (collection.isEmpty()) {
                    return store.markFailed(conn, tenant, id, "the collection was deleted").replaceWith((Work) null);
                }
                return chunks.current(conn, tenant, id).map(current -> new Work(c, collection.get(), current));
            });
        })).flatMap(work -> {
            if (work == null) {
                return Uni.createFrom().item(false);
            }
            DocumentStore.Claimed c = work.claimed();
            DocumentStore.Queued q = c.queued();
            DocumentIndexer.Progress progress = (done, total) -> tx.inTenant(tenant,
                    conn -> store.progress(conn, tenant, id, token, done, total, lease)).map(held -> {
                        if (!held) {
                            throw new DocumentIndexer.LeaseLost(id);
                        }
                        return null;
                    });
            boolean first = c.document().indexedAt() == null;
            return indexer.index(tenant, work.collection(), c.document(), work.current(),
                    new DocumentIndexer.Prepared(q.body(), q.chunkAs(), q.text()), first, progress, token)
                    .map(result -> true);
        }).onFailure().recoverWithItem(failure -> {
            if (failure instanceof DocumentIndexer.LeaseLost) {
                LOG.infof("document %s was taken over by another worker", id);
            } else {
                LOG.warnf("document %s of tenant %s failed to index: %s", id, tenant, failure.getMessage());
            }
            return false;
        });
    }

    private record Work(DocumentStore.Claimed claimed, dev.agentry.memory.knowledge.collection.Collection collection,
            List<ChunkStore.Current> current) {
    }
}
