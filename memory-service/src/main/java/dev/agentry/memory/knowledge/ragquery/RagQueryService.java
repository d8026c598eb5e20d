package dev.agentry.memory.knowledge.ragquery;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.knowledge.chunk.Chunk;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The log of knowledge searches: listed, read with the chunks each answered, given feedback. */
@ApplicationScoped
public class RagQueryService {

    @Inject
    TenantTransactions tx;

    @Inject
    RagQueryStore queries;

    @Inject
    ChunkStore chunks;

    @Inject
    TenantContext caller;

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
                return q.withChunks(q.resultChunkIds().stream().map(byId::get).filter(Objects::nonNull).toList());
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
