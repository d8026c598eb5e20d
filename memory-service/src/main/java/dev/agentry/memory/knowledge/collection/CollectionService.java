package dev.agentry.memory.knowledge.collection;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.MemoryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Knowledge collections of the caller's tenant. */
@ApplicationScoped
public class CollectionService {

    @Inject
    TenantTransactions tx;

    @Inject
    CollectionStore store;

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    TenantContext caller;

    @Inject
    MemoryConfig config;

    public Uni<Collection> create(CollectionCreate create) {
        UUID tenant = caller.tenantId();
        if (create.embeddingModel() != null && !create.embeddingModel().equals(embeddings.model())) {
            throw new ValidationException("embedding_model", "this deployment embeds with " + embeddings.model());
        }
        int size = create.chunkSize() == null ? config.knowledge().defaultChunkSize() : create.chunkSize();
        int overlap = create.chunkOverlap() == null ? Math.min(config.knowledge().defaultChunkOverlap(), size / 2) : create.chunkOverlap();
        checkChunking(size, overlap);
        return tx.inTenant(tenant, conn -> store.insert(conn, tenant, Ids.newId(), create, embeddings.model(), size, overlap));
    }

    public Uni<Collection> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id));
    }

    public Uni<Page<Collection>> list(CollectionStatus status, String slug, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, status, slug, page)).map(rows -> Page.of(rows, page, Collection::id));
    }

    public Uni<Collection> update(UUID id, CollectionUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> require(conn, tenant, id).flatMap(current -> {
            checkChunking(update.chunkSize() == null ? current.chunkSize() : update.chunkSize(),
                    update.chunkOverlap() == null ? current.chunkOverlap() : update.chunkOverlap());
            return store.update(conn, tenant, id, update);
        })).map(found -> found.orElseThrow(() -> NotFoundException.of("Collection", id)));
    }

    /**
     * Deletes the collection: its documents and chunks go (vectors are not kept for nothing), the
     * collection row stays marked deleted with its query log, and its slug is free again.
     */
    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.softDelete(conn, tenant, id).flatMap(deleted -> {
            if (!deleted) {
                throw NotFoundException.of("Collection", id);
            }
            return store.deleteDocuments(conn, tenant, id);
        })).replaceWithVoid();
    }

    /** The live collection, or 404. */
    public Uni<Collection> require(SqlConnection conn, UUID tenant, UUID id) {
        return store.find(conn, tenant, id).map(found -> found.orElseThrow(() -> NotFoundException.of("Collection", id)));
    }

    /** Refuses to write into a collection this deployment cannot embed for, or one archived. */
    public Collection writable(Collection c) {
        if (c.status() == CollectionStatus.ARCHIVED) {
            throw new ConflictException("status", "collection " + c.id() + " is archived");
        }
        return searchable(c);
    }

    /** A collection embedded with another model cannot be compared with this deployment's vectors. */
    public Collection searchable(Collection c) {
        if (!c.embeddingModel().equals(embeddings.model())) {
            throw new ConflictException("embedding_model", "collection " + c.id() + " was embedded with " + c.embeddingModel()
                    + "; this deployment embeds with " + embeddings.model());
        }
        return c;
    }

    private static void checkChunking(int size, int overlap) {
        if (overlap * 2 > size) {
            throw new ValidationException("chunk_overlap", "must be at most half of chunk_size (" + size + ")");
        }
    }
}
