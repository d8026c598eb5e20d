package dev.agentry.memory.knowledge;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.search.SearchMode;
import dev.agentry.memory.search.SearchStrategy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Searches a collection's current chunks (the same hybrid ranking as episodes, without recency and
 * importance) and logs every search in {@code rag_queries} in the same transaction, with its
 * results, strategy and latency; feedback is attached to the log entry afterwards.
 */
@ApplicationScoped
public class KnowledgeSearchService {

    @Inject
    TenantTransactions tx;

    @Inject
    CollectionService collections;

    @Inject
    ChunkStore chunks;

    @Inject
    RagQueryStore queries;

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    TenantContext caller;

    @Inject
    MemoryConfig config;

    public Uni<KnowledgeSearchResult> search(UUID collectionId, KnowledgeSearch search) {
        long started = System.nanoTime();
        UUID tenant = caller.tenantId();
        String subject = caller.subject();
        MemoryConfig.Search settings = config.search();
        SearchMode mode = search.mode() == null ? SearchMode.HYBRID : search.mode();
        int limit = search.limit() == null ? 10 : search.limit();
        if (limit > settings.maxLimit()) {
            throw new ValidationException("limit", "must be at most " + settings.maxLimit());
        }
        int candidates = Math.max(settings.candidates(), limit);
        Uni<float[]> vector = mode.usesVector() ? embeddings.embed(search.query()) : Uni.createFrom().nullItem();
        return vector.flatMap(v -> tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId)
                .map(collections::searchable)
                .flatMap(c -> {
                    SearchStrategy strategy = !mode.usesVector() ? SearchStrategy.TEXT
                            : SearchStrategy.forSize(c.chunkCount(), settings.exactThreshold(), search.documentId() != null);
                    ChunkStore.Query query = new ChunkStore.Query(collectionId, search.documentId(), strategy, v,
                            embeddings.model(), mode.usesText() ? search.query() : null,
                            search.language() == null ? c.language() : search.language(), limit, candidates,
                            settings.textWindow(), settings.textMatchCap(), settings.rrfK());
                    Uni<Void> tuned = strategy == SearchStrategy.HNSW
                            ? chunks.setEfSearch(conn, Math.max(settings.hnswEfSearch(), candidates))
                            : Uni.createFrom().voidItem();
                    return tuned.flatMap(x -> chunks.search(conn, tenant, query)).flatMap(hits -> {
                        UUID id = Ids.newId();
                        double latencyMs = (System.nanoTime() - started) / 1e6;
                        Map<String, Object> filters = new LinkedHashMap<>();
                        filters.put("limit", limit);
                        filters.put("language", query.language());
                        if (search.documentId() != null) {
                            filters.put("document_id", search.documentId().toString());
                        }
                        String model = mode.usesVector() ? embeddings.model() : null;
                        return queries.insert(conn, tenant, id, collectionId, search.query(), mode, strategy, model, hits, filters,
                                latencyMs, subject)
                                .map(x -> new KnowledgeSearchResult(id, mode, strategy, model, latencyMs, hits));
                    });
                })));
    }

    public Uni<Page<RagQuery>> list(UUID collectionId, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> queries.list(conn, tenant, collectionId, page)).map(rows -> Page.of(rows, page, RagQuery::id));
    }

    /** One logged search with its result chunks as stored (archived versions included), in result order. */
    public Uni<RagQuery> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> queries.find(conn, tenant, id).flatMap(found -> {
            RagQuery q = found.orElseThrow(() -> NotFoundException.of("RAG query", id));
            if (q.resultChunkIds().isEmpty()) {
                return Uni.createFrom().item(q.withChunks(List.of()));
            }
            return chunks.findAll(conn, tenant, q.resultChunkIds()).map(found2 -> {
                Map<UUID, Chunk> byId = new LinkedHashMap<>();
                found2.forEach(c -> byId.put(c.id(), c));
                return q.withChunks(q.resultChunkIds().stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
            });
        }));
    }

    public Uni<RagQuery> feedback(UUID id, RagFeedback feedback) {
        UUID tenant = caller.tenantId();
        String subject = caller.subject();
        return tx.inTenant(tenant, conn -> queries.feedback(conn, tenant, id, feedback, subject))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("RAG query", id)));
    }
}
