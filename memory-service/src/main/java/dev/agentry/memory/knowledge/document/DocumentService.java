package dev.agentry.memory.knowledge.document;

import dev.agentry.common.blocking.Offload;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.PayloadTooLargeException;
import dev.agentry.common.error.ServiceException;
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
import dev.agentry.memory.knowledge.text.FileText;
import dev.agentry.memory.knowledge.text.FileType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads, replacements and deletions of documents. A text body (JSON or bare text) is indexed in
 * the request: the document is recorded as {@code processing} (committed, so it is visible), then
 * {@link DocumentIndexer} chunks and embeds it with no transaction open and writes its chunks in one
 * short transaction. A file (PDF, DOCX, HTML, ...) has its text extracted in the request, is
 * recorded as {@code pending} and indexed in the background by {@link DocumentWorker}.
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

    @Inject
    DocumentWorker worker;

    /** A document as received: a JSON body, or a text body with its media type and query parameters. */
    public record Incoming(String title, String filename, FileType fileType, String content, String storagePath,
            Map<String, Object> metadata) {
    }

    /**
     * A file as received (multipart or raw body), already on disk: its path, size, declared media
     * type and file name, and what the request says of it (each may be null).
     */
    public record IncomingFile(Path file, long sizeBytes, String declaredType, String filename, String title,
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
        requirePlain(type);
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
                    FileType named = in.fileType() != null ? in.fileType()
                            : FileType.ofFilename(in.filename()) != null ? FileType.ofFilename(in.filename()) : doc.fileType();
                    // A file's replacement sent as text is text from now on.
                    FileType type = named.plain() || in.fileType() != null ? named : FileType.TXT;
                    requirePlain(type);
                    String title = in.title() != null ? in.title().strip() : doc.title();
                    Incoming merged = new Incoming(title, in.filename() != null ? in.filename() : doc.filename(), type, in.content(),
                            in.storagePath(), in.metadata() != null ? in.metadata() : doc.metadata());
                    return prepare(merged, title, type);
                })
                .flatMap(p -> tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId).map(collections::writable)
                        .flatMap(c -> store.lock(conn, tenant, collectionId, documentId)
                                .map(found -> found.orElseThrow(() -> NotFoundException.of("Document", documentId)))
                                .flatMap(doc -> {
                                    refuseWhileIndexing(doc);
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

    /**
     * A file upload. Its text is extracted first, on a worker thread (Tika blocks), so that a file
     * that cannot be indexed (type, encryption, no text) is refused with nothing stored; then the
     * document is recorded as pending with that text and the {@link DocumentWorker} indexes it.
     * Answers the pending document, or the existing one holding the same text ({@code unchanged}).
     */
    public Uni<DocumentIndexing> uploadFile(UUID collectionId, IncomingFile in) {
        UUID tenant = caller.tenantId();
        String subject = caller.subject();
        checkUpload(in);
        return tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId).map(collections::writable))
                .flatMap(c -> extract(in, null))
                .flatMap(p -> tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId).map(collections::writable)
                        .flatMap(c -> store.findByContent(conn, tenant, collectionId, p.text().hashHex()))
                        .flatMap(existing -> existing.isPresent() ? Uni.createFrom().item(unchanged(existing.get()))
                                : store.insert(conn, tenant, Ids.newId(), collectionId, p.text(), subject,
                                        new DocumentStore.Queued(p.body(), p.type(), p.text()))
                                        .call(doc -> collectionStore.adjustCounts(conn, tenant, collectionId, 1, 0))
                                        .map(doc -> new DocumentIndexing(doc, false, 0, 0, 0)))))
                .invoke(this::kickUnlessUnchanged);
    }

    /**
     * A new version of a document as a file: extracted as for an upload, then the document waits
     * (pending) for the worker, its current chunks still answering searches until the new version's
     * replace them in one transaction.
     */
    public Uni<DocumentIndexing> replaceFile(UUID collectionId, UUID documentId, IncomingFile in) {
        UUID tenant = caller.tenantId();
        checkUpload(in);
        return tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId).map(collections::writable)
                .flatMap(c -> store.find(conn, tenant, collectionId, documentId))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Document", documentId))))
                .flatMap(doc -> extract(in, doc))
                .flatMap(p -> tx.inTenant(tenant, conn -> collections.require(conn, tenant, collectionId).map(collections::writable)
                        .flatMap(c -> store.lock(conn, tenant, collectionId, documentId))
                        .map(found -> found.orElseThrow(() -> NotFoundException.of("Document", documentId)))
                        .flatMap(doc -> {
                            refuseWhileIndexing(doc);
                            if (doc.status() == DocumentStatus.INDEXED && doc.contentHash().equals(p.text().hashHex())) {
                                return Uni.createFrom().item(unchanged(doc));
                            }
                            return store.findByContent(conn, tenant, collectionId, p.text().hashHex()).flatMap(twin -> {
                                if (twin.isPresent() && !twin.get().id().equals(documentId)) {
                                    throw new ConflictException("content", "document " + twin.get().id()
                                            + " of this collection already holds this text");
                                }
                                return store.queue(conn, tenant, documentId, new DocumentStore.Queued(p.body(), p.type(), p.text()))
                                        .map(queued -> new DocumentIndexing(queued, false, 0, 0, 0));
                            });
                        })))
                .invoke(this::kickUnlessUnchanged);
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
        return Offload.toWorker(() -> {
            String body = DocumentText.normalise(in.content(), type);
            if (body.isBlank()) {
                throw new ValidationException("content", "must not be blank");
            }
            String hash = DocumentText.hex(DocumentText.sha256(body));
            return new DocumentIndexer.Prepared(body, type, new DocumentStore.Text(title, in.filename(), type,
                    in.content().getBytes(StandardCharsets.UTF_8).length, in.storagePath(), hash, in.metadata()));
        });
    }

    /** The file's text and description: extracted (Tika) or read as it is (txt, md, csv), normalised and hashed. */
    private Uni<DocumentIndexer.Prepared> extract(IncomingFile in, Document previous) {
        return Offload.toWorker(() -> {
            long maxText = config.knowledge().maxDocumentBytes();
            FileText.Extracted x = FileText.extract(in.file(), in.declaredType(), in.filename(), maxText);
            String raw;
            FileType chunkAs;
            if (x.text() == null) {
                // Plain text: read as UTF-8, as a text body is.
                if (in.sizeBytes() > maxText) {
                    throw new PayloadTooLargeException(maxText);
                }
                try {
                    raw = new String(Files.readAllBytes(in.file()), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                chunkAs = x.type();
            } else {
                raw = x.text();
                chunkAs = FileType.MD;
            }
            String body = DocumentText.normalise(raw, chunkAs);
            if (body.replace('\f', ' ').isBlank()) {
                throw new ServiceException(422, "no-text", "Unprocessable Content", "the file holds no text", List.of());
            }
            String title = firstOf(in.title(), x.title(), in.filename(), previous == null ? null : previous.title());
            if (title == null) {
                throw new ValidationException("title", "is required: the file names no title (send title or a filename)");
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (previous != null && previous.metadata() != null) {
                metadata.putAll(previous.metadata());
            }
            metadata.putAll(x.metadata());
            if (in.metadata() != null) {
                metadata.putAll(in.metadata());
            }
            String filename = in.filename() != null ? in.filename() : previous == null ? null : previous.filename();
            String hash = DocumentText.hex(DocumentText.sha256(body));
            return new DocumentIndexer.Prepared(body, chunkAs,
                    new DocumentStore.Text(title.strip(), filename, x.type(), in.sizeBytes(), null, hash, metadata));
        });
    }

    private void kickUnlessUnchanged(DocumentIndexing result) {
        if (!result.unchanged()) {
            worker.kick();
        }
    }

    /** A document waiting for or being indexed (by a live worker or request) is not replaced meanwhile. */
    private static void refuseWhileIndexing(Document doc) {
        if (doc.status() == DocumentStatus.PENDING
                || doc.status() == DocumentStatus.PROCESSING && doc.updatedAt().isAfter(Instant.now().minus(STALE_PROCESSING))) {
            throw new ConflictException("document " + doc.id() + " is being indexed; retry when it is done");
        }
    }

    private void checkUpload(IncomingFile in) {
        if (in.file() == null) {
            throw new ValidationException("file", "is required");
        }
        long limit = config.knowledge().maxUploadBytes();
        if (in.sizeBytes() > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.length() > 500 ? v.substring(0, 500) : v;
            }
        }
        return null;
    }

    private static void requirePlain(FileType type) {
        if (!type.plain()) {
            throw new ValidationException("file_type", "a text body is txt, md or csv; send a " + type.name().toLowerCase(Locale.ROOT)
                    + " file as multipart/form-data (part \"file\") or as the raw body with its Content-Type");
        }
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
