package dev.agentry.memory.knowledge.document;

import dev.agentry.common.blocking.Offload;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.id.Ids;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import dev.agentry.memory.knowledge.collection.Collection;
import dev.agentry.memory.knowledge.collection.CollectionStore;
import dev.agentry.memory.knowledge.text.Chunker;
import dev.agentry.memory.knowledge.text.DocumentText;
import dev.agentry.memory.knowledge.text.FileType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Indexes one version of a document that {@link DocumentService} has recorded as {@code processing}:
 * chunks its text, embeds the chunks no stored one shares (with no transaction open), then in one
 * short transaction archives what the new version dropped, repositions what it kept, inserts what
 * it added and marks the document {@code indexed}. If anything fails on the way the document
 * becomes {@code failed} with the reason, and the previous version's chunks stay current.
 */
@ApplicationScoped
public class DocumentIndexer {

    @Inject
    TenantTransactions tx;

    @Inject
    DocumentStore store;

    @Inject
    ChunkStore chunks;

    @Inject
    CollectionStore collectionStore;

    @Inject
    EmbeddingProvider embeddings;

    /** The normalised text, how it is chunked ({@code type}: txt, md or csv), and how the document describes itself. */
    public record Prepared(String body, FileType type, DocumentStore.Text text) {
    }

    /**
     * Told how far indexing is after each step (chunks ready of the total); fails with
     * {@link LeaseLost} when the worker no longer holds the document.
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> Uni.createFrom().voidItem();

        Uni<Void> report(int done, int total);
    }

    /** The worker's lease on a document expired and another took it: this one stops without a trace. */
    public static final class LeaseLost extends RuntimeException {
        public LeaseLost(UUID document) {
            super("lease on document " + document + " lost");
        }
    }

    @Inject
    MemoryConfig config;

    /** Indexes in the request (no progress, no lease). */
    public Uni<DocumentIndexing> index(UUID tenant, Collection c, Document doc, List<ChunkStore.Current> current, Prepared p,
            boolean first) {
        return index(tenant, c, doc, current, p, first, Progress.NONE, null);
    }

    /**
     * Chunks the text, embeds what is new (reusing stored vectors of identical text), then in one
     * transaction archives what the new version dropped, repositions what it kept, inserts what it
     * added and marks the document indexed. Any failure marks the document failed.
     */
    public Uni<DocumentIndexing> index(UUID tenant, Collection c, Document doc, List<ChunkStore.Current> current, Prepared p,
            boolean first, Progress progress, UUID leaseToken) {
        return Offload.toWorker(() -> Chunker.chunk(p.body(), p.type(), c.chunkSize(), c.chunkOverlap()))
                .flatMap(drafts -> {
                    // One chunk per distinct text: a repeated paragraph is stored (and found) once.
                    Map<String, Chunker.Draft> byHash = new LinkedHashMap<>();
                    for (Chunker.Draft d : drafts) {
                        byHash.putIfAbsent(DocumentText.hex(DocumentText.sha256(d.content())), d);
                    }
                    Map<String, ChunkStore.Current> byHashNow = current.stream()
                            .collect(Collectors.toMap(ChunkStore.Current::hashHex, x -> x, (a, b) -> a));
                    List<String> addedHashes = new ArrayList<>();
                    Map<UUID, Integer> positions = new HashMap<>();
                    int index = 0;
                    Map<String, Chunker.Draft> numbered = new LinkedHashMap<>();
                    for (var e : byHash.entrySet()) {
                        Chunker.Draft d = new Chunker.Draft(index++, e.getValue().content(), e.getValue().section(), e.getValue().page());
                        numbered.put(e.getKey(), d);
                        ChunkStore.Current kept = byHashNow.get(e.getKey());
                        if (kept != null) {
                            positions.put(kept.id(), d.index());
                        } else {
                            addedHashes.add(e.getKey());
                        }
                    }
                    Set<String> keptHashes = numbered.keySet();
                    List<UUID> archived = current.stream().filter(x -> !keptHashes.contains(x.hashHex()))
                            .map(ChunkStore.Current::id).toList();
                    int version = first ? 1 : addedHashes.isEmpty() && archived.isEmpty() ? doc.version() : doc.version() + 1;
                    return tx.inTenant(tenant, conn -> chunks.reusableEmbeddings(conn, tenant, embeddings.model(), addedHashes))
                            .flatMap(reuse -> embedMissing(addedHashes, numbered, reuse, positions.size(), numbered.size(), progress))
                            .flatMap(vectors -> {
                                List<ChunkStore.NewChunk> added = new ArrayList<>();
                                for (String h : addedHashes) {
                                    added.add(new ChunkStore.NewChunk(Ids.newId(), numbered.get(h), h, vectors.get(h)));
                                }
                                return tx.inTenant(tenant, conn -> (leaseToken == null ? Uni.createFrom().item(true)
                                        : store.holdsLease(conn, tenant, doc.id(), leaseToken)).flatMap(held -> {
                                            if (!held) {
                                                throw new LeaseLost(doc.id());
                                            }
                                            return store.lock(conn, tenant, c.id(), doc.id());
                                        }).flatMap(locked -> {
                                    if (locked.isEmpty() || locked.get().status() != DocumentStatus.PROCESSING
                                            || locked.get().version() != doc.version()) {
                                        throw new ConflictException("document " + doc.id() + " changed while it was indexed");
                                    }
                                    return chunks.archive(conn, tenant, archived)
                                            .flatMap(v -> chunks.reposition(conn, tenant, positions))
                                            .flatMap(v -> chunks.insertAll(conn, tenant, c.id(), doc.id(), version, c.language(),
                                                    embeddings.model(), added))
                                            .flatMap(v -> store.markIndexed(conn, tenant, doc.id(), p.text(), version, numbered.size()))
                                            .call(v -> collectionStore.adjustCounts(conn, tenant, c.id(), 0,
                                                    added.size() - archived.size()));
                                })).map(indexed -> new DocumentIndexing(indexed, false, added.size(), positions.size(),
                                        archived.size()));
                            });
                })
                .onFailure(failure -> !(failure instanceof LeaseLost)).call(failure -> tx.inTenant(tenant,
                        conn -> (leaseToken == null ? Uni.createFrom().item(true) : store.holdsLease(conn, tenant, doc.id(), leaseToken))
                                .flatMap(held -> held ? store.markFailed(conn, tenant, doc.id(), reason(failure))
                                        : Uni.createFrom().voidItem()))
                        .onFailure().recoverWithNull());
    }

    /**
     * Embeds the added texts that no stored chunk shares, in batches of
     * {@code agentry.memory.knowledge.indexing.batch-size}, telling {@code progress} after each
     * (kept and reused chunks count as done from the start).
     */
    private Uni<Map<String, float[]>> embedMissing(List<String> hashes, Map<String, Chunker.Draft> drafts,
            Map<String, float[]> reuse, int kept, int total, Progress progress) {
        Map<String, float[]> vectors = new HashMap<>(reuse);
        List<String> missing = hashes.stream().filter(h -> !reuse.containsKey(h)).toList();
        int batch = Math.max(1, config.knowledge().indexing().batchSize());
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < missing.size(); i += batch) {
            batches.add(missing.subList(i, Math.min(missing.size(), i + batch)));
        }
        int[] done = { kept + (hashes.size() - missing.size()) };
        return progress.report(done[0], total)
                .flatMap(v -> Multi.createFrom().iterable(batches)
                        .onItem().transformToUniAndConcatenate(part -> embeddings.embedAll(part.stream().map(h -> drafts.get(h).content())
                                .toList()).flatMap(results -> {
                                    for (int k = 0; k < part.size(); k++) {
                                        vectors.put(part.get(k), results.get(k));
                                    }
                                    done[0] += part.size();
                                    return progress.report(done[0], total);
                                }))
                        .collect().last())
                .map(v -> vectors);
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
