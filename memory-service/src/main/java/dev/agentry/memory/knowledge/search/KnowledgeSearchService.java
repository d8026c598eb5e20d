package dev.agentry.memory.knowledge.search;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.search.IndexSearchSettings;
import dev.agentry.common.search.QueryVectors;
import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import dev.agentry.memory.knowledge.collection.CollectionService;
import dev.agentry.memory.knowledge.ragquery.RagQueryStore;
import dev.agentry.memory.search.RankingLimits;
import dev.agentry.memory.search.TextQuery;
import dev.agentry.memory.search.VectorQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Searches a collection's current chunks (the same hybrid ranking as episodes, without recency and
 * importance) and logs every search in {@code rag_queries} in the same transaction, with its
 * results, strategy and latency (read and given feedback through {@code RagQueryService}).
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
    QueryVectors vectors;

    @Inject
    TenantContext caller;

    @Inject
    MemoryConfig config;

    public Uni<KnowledgeSearchResult> search(UUID collectionId, KnowledgeSearch search) {
        long started = System.nanoTime();
        UUID tenant = caller.tenantId();
        String subject = caller.subject();
        MemoryConfig.Search settings = config.search();
        SearchMode mode = search.mode() != null ? search.mode()
                : !search.hasQuery() && search.embedding() != null ? SearchMode.VECTOR : SearchMode.HYBRID;
        if (mode.usesText() && !search.hasQuery()) {
            throw new ValidationException("query", "is required for a " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " search (a search by a ready vector alone has mode vector)");
        }
        if (search.pageFrom() != null && search.pageTo() != null && search.pageFrom() > search.pageTo()) {
            throw new ValidationException("page_to", "must not be less than page_from");
        }
        ChunkStore.Filters metadataFilters = search.filters();
        int limit = search.limit() == null ? 10 : search.limit();
        if (limit > settings.maxLimit()) {
            throw new ValidationException("limit", "must be at most " + settings.maxLimit());
        }
        RankingLimits limits = new RankingLimits(limit, Math.max(settings.candidates(), limit), settings.textWindow(),
                settings.textMatchCap(), settings.rrfK());
        Uni<float[]> vector = mode.usesVector()
                ? vectors.of(search.query(), search.embedding(), search.embeddingModel(), QueryVectors.FIELDS)
                : Uni.createFrom().nullItem();
        return vector.flatMap(v -> tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId)
                .map(collections::searchable)
                .flatMap(c -> {
                    // Exact for at most exactMaxRows chunks: "below the threshold" is threshold - 1 rows.
                    SearchStrategy strategy = !mode.usesVector() ? null
                            : SearchStrategy.choose(search.strategy(), c.chunkCount(), settings.exactThreshold() - 1,
                                    search.documentId() != null || search.fileType() != null || metadataFilters.any());
                    String model = mode.usesVector() ? vectors.model() : null;
                    String language = search.language() == null ? c.language() : search.language();
                    ChunkStore.Query query = new ChunkStore.Query(collectionId, search.documentId(), search.fileType(),
                            strategy == null ? null : new VectorQuery(strategy, v, model),
                            mode.usesText() ? new TextQuery(search.query(), language) : null, limits, metadataFilters);
                    Uni<Void> planned = strategy == SearchStrategy.INDEX
                            ? IndexSearchSettings.efSearch(conn, Math.max(settings.hnswEfSearch(), limits.candidates()))
                            : Uni.createFrom().voidItem();
                    return planned.flatMap(x -> chunks.search(conn, tenant, query)).flatMap(hits -> {
                        UUID id = Ids.newId();
                        double latencyMs = (System.nanoTime() - started) / 1e6;
                        Map<String, Object> filters = new LinkedHashMap<>();
                        filters.put("limit", limit);
                        filters.put("language", language);
                        if (search.documentId() != null) {
                            filters.put("document_id", search.documentId().toString());
                        }
                        if (search.fileType() != null) {
                            filters.put("file_type", search.fileType());
                        }
                        if (!metadataFilters.tags().isEmpty()) {
                            filters.put("tags", metadataFilters.tags());
                        }
                        if (search.documentLanguage() != null) {
                            filters.put("document_language", search.documentLanguage());
                        }
                        if (search.pageFrom() != null) {
                            filters.put("page_from", search.pageFrom());
                        }
                        if (search.pageTo() != null) {
                            filters.put("page_to", search.pageTo());
                        }
                        if (!search.hasQuery()) {
                            filters.put("by_vector", true);
                        }
                        // A search by a ready vector has no text: the log keeps an empty query and says so in filters.
                        String text = search.hasQuery() ? search.query() : "";
                        return queries.insert(conn, tenant, id, collectionId, text, mode, strategy, model, hits, filters,
                                latencyMs, subject)
                                .map(x -> new KnowledgeSearchResult(id, mode, strategy, model, latencyMs, hits));
                    });
                })));
    }
}
