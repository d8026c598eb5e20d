package dev.agentry.memory.knowledge.document;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.PayloadTooLargeException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.knowledge.chunk.Chunk;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import dev.agentry.memory.knowledge.collection.Collection;
import dev.agentry.memory.knowledge.collection.CollectionService;
import dev.agentry.memory.knowledge.collection.CollectionStore;
import dev.agentry.memory.knowledge.text.DocumentText;
import dev.agentry.memory.knowledge.text.FileType;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads, replacements and deletions of documents. Indexing is synchronous: the document is
 * recorded as {@code processing} (committed, so it is visible), then {@link DocumentIndexer} chunks
 * and embeds it with no transaction open and writes its chunks in one short transaction.
 */
@ApplicationScoped
public class DocumentService {

    /** A document found stuck in {@code processing} longer than this (a crash) may be replaced. */
    static final Duration STALE_PROCESSING = Duration.ofMinutes(10);

    @Inject
    TenantTransactions tx;

    @Inject
    CollectionService collections;

    @Inject
    CollectionStore collectionStore;

    @Inject
    DocumentStore store;

    @Inject
    ChunkStore chunks;

    @Inject
    DocumentIndexer indexer;

    @Inject
    TenantContext caller;

    @Inject
    MemoryConfig config;

    /** A document as received: a JSON body, or a text body with its media type and query parameters. */
    public record Incoming(String title, String filename, FileType fileType, String content, String storagePath,
            Map<String, Object> metadata) {
    }

    /** What the first transaction decided: index {@code document}, or answer {@code existing} as it is. */
    private record Start(Collection collection, Document document, Document existing, List<ChunkStore.Current> current) {
    }

    public Uni<DocumentIndexing> upload(UUID collectionId, Incoming in) {
        UUID tenant = caller.tenantId();
        String subject = caller.subject();
        checkSize(in.content());
        String title = in.title() != null ? in.title() : in.filename();
        if (title == null || title.isBlank()) {
            throw new ValidationException("title", "is required (or a filename)");
        }
        FileType type = in.fileType() != null ? in.fileType()
                : FileType.ofFilename(in.filename()) != null ? FileType.ofFilename(in.filename()) : FileType.TXT;
        return prepare(in, title.strip(), type).flatMap(p -> tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId)
                .map(collections::writable)
                .flatMap(c -> store.findByContent(conn, tenant, collectionId, p.text().hashHex()).flatMap(existing -> existing.isPresent()
                        ? Uni.createFrom().item(new Start(c, null, existing.get(), List.of()))
                        : store.insert(conn, tenant, Ids.newId(), collectionId, p.text(), subject)
                                .call(doc -> collectionStore.adjustCounts(conn, tenant, collectionId, 1, 0))
                                .map(doc -> new Start(c, doc, null, List.of())))))
                .flatMap(start -> start.existing() != null ? Uni.createFrom().item(unchanged(start.existing()))
                        : indexer.index(tenant, start.collection(), start.document(), start.current(), p, true)));
    }

    public Uni<DocumentIndexing> replace(UUID collectionId, UUID documentId, Incoming in) {
        UUID tenant = caller.tenantId();
        checkSize(in.content());
        return tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId).map(collections::writable)
                .flatMap(c -> store.find(conn, tenant, collectionId, documentId))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Document", documentId))))
                .flatMap(doc -> {
                    FileType type = in.fileType() != null ? in.fileType()
                            : FileType.ofFilename(in.filename()) != null ? FileType.ofFilename(in.filename()) : doc.fileType();
                    String title = in.title() != null ? in.title().strip() : doc.title();
                    Incoming merged = new Incoming(title, in.filename() != null ? in.filename() : doc.filename(), type, in.content(),
                            in.storagePath(), in.metadata() != null ? in.metadata() : doc.metadata());
                    return prepare(merged, title, type);
                })
                .flatMap(p -> tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId).map(collections::writable)
                        .flatMap(c -> store.lock(conn, tenant, collectionId, documentId)
                                .map(found -> found.orElseThrow(() -> NotFoundException.of("Document", documentId)))
                                .flatMap(doc -> {
                                    if (doc.status() == DocumentStatus.PROCESSING
                                            && doc.updatedAt().isAfter(Instant.now().minus(STALE_PROCESSING))) {
                                        throw new ConflictException("document " + documentId + " is being indexed; retry when it is done");
                                    }
                                    if (doc.status() == DocumentStatus.INDEXED && doc.contentHash().equals(p.text().hashHex())) {
                                        return Uni.createFrom().item(new Start(c, null, doc, List.of()));
                                    }
                                    return store.findByContent(conn, tenant, collectionId, p.text().hashHex()).flatMap(twin -> {
                                        if (twin.isPresent() && !twin.get().id().equals(documentId)) {
                                            throw new ConflictException("content", "document " + twin.get().id()
                                                    + " of this collection already holds this text");
                                        }
                                        return store.markProcessing(conn, tenant, documentId)
                                                .flatMap(v -> chunks.current(conn, tenant, documentId))
                                                .map(current -> new Start(c, doc, null, current));
                                    });
                                })))
                        .flatMap(start -> start.existing() != null ? Uni.createFrom().item(unchanged(start.existing()))
                                : indexer.index(tenant, start.collection(), start.document(), start.current(), p, false)));
    }

    public Uni<Document> get(UUID collectionId, UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId)
                .flatMap(c -> store.find(conn, tenant, collectionId, id)))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Document", id)));
    }

    public Uni<Page<Document>> list(UUID collectionId, DocumentStatus status, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId)
                .flatMap(c -> store.list(conn, tenant, collectionId, status, page)))
                .map(rows -> Page.of(rows, page, Document::id));
    }

    /** Deletes the document and all its chunks, archived versions included. */
    public Uni<Void> delete(UUID collectionId, UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId)
                .flatMap(c -> store.delete(conn, tenant, collectionId, id))
                .flatMap(deleted -> {
                    int chunkCount = deleted.orElseThrow(() -> NotFoundException.of("Document", id));
                    return collectionStore.adjustCounts(conn, tenant, collectionId, -1, -chunkCount);
                }));
    }

    public Uni<Page<Chunk>> chunks(UUID collectionId, UUID documentId, boolean includeArchived, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId)
                .flatMap(c -> store.find(conn, tenant, collectionId, documentId))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Document", documentId)))
                .flatMap(doc -> chunks.list(conn, tenant, documentId, includeArchived, page)))
                .map(rows -> Page.of(rows, page, Chunk::id));
    }

    private Uni<DocumentIndexer.Prepared> prepare(Incoming in, String title, FileType type) {
        return Uni.createFrom().item(() -> {
            String body = DocumentText.normalise(in.content(), type);
            if (body.isBlank()) {
                throw new ValidationException("content", "must not be blank");
            }
            String hash = DocumentText.hex(DocumentText.sha256(body));
            return new DocumentIndexer.Prepared(body, type, new DocumentStore.Text(title, in.filename(), type,
                    in.content().getBytes(StandardCharsets.UTF_8).length, in.storagePath(), hash, in.metadata()));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void checkSize(String content) {
        long limit = config.knowledge().maxDocumentBytes();
        if (content == null || content.isBlank()) {
            throw new ValidationException("content", "must not be blank");
        }
        // UTF-8 takes 1 to 3 bytes per char here: count exactly only when it could matter.
        if ((long) content.length() * 3 > limit && content.getBytes(StandardCharsets.UTF_8).length > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }

    private static DocumentIndexing unchanged(Document doc) {
        return new DocumentIndexing(doc, true, 0, doc.chunkCount(), 0);
    }
}
