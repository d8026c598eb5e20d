package dev.agentry.memory.knowledge.document;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.memory.knowledge.text.FileType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code documents}, inside the caller's RLS-bound transaction. Hashes travel as hex. */
@ApplicationScoped
public class DocumentStore {

    private static final String COLUMNS = "id, collection_id, title, filename, file_type, size_bytes, storage_path, status, "
            + "chunk_count, chunks_done, chunks_total, error_message, encode(content_hash, 'hex') AS content_hash, version, metadata, uploaded_by, "
            + "uploaded_at, indexed_at, updated_at";
    static final Map<String, String> UNIQUE = Map.of("uq_documents_content", "content");

    /** What an upload or replacement says about the document itself. */
    public record Text(String title, String filename, FileType fileType, long sizeBytes, String storagePath, String hashHex,
            Map<String, Object> metadata) {
    }

    /** The text a worker is to index, as the upload left it: the body, how to chunk it, its description. */
    public record Queued(String body, FileType chunkAs, Text text) {
    }

    /** A document claimed by a worker: the row, the text to index, how many times it was claimed. */
    public record Claimed(Document document, Queued queued, int attempts) {
    }

    /** A new document, status processing, version 1 (indexed in the request). */
    public Uni<Document> insert(SqlConnection conn, UUID tenant, UUID id, UUID collection, Text t, String uploadedBy) {
        return insert(conn, tenant, id, collection, t, uploadedBy, null);
    }

    /**
     * A new document, version 1: status processing when {@code queued} is null (indexed in the
     * request), else pending with the text a worker will index.
     */
    public Uni<Document> insert(SqlConnection conn, UUID tenant, UUID id, UUID collection, Text t, String uploadedBy,
            Queued queued) {
        return conn.preparedQuery("INSERT INTO documents (id, tenant_id, collection_id, title, filename, file_type, size_bytes, "
                + "storage_path, status, content_hash, metadata, uploaded_by, pending_text, pending_chunk_as, pending_description) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $12::text IS NULL THEN 'processing' ELSE 'pending' END, "
                + "decode($9, 'hex'), $10, $11, $12, $13, $14) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenant, collection, t.title(), t.filename(), wire(t.fileType()), t.sizeBytes(),
                        t.storagePath(), t.hashHex(), Rows.jsonb(t.metadata()), uploadedBy, queued == null ? null : queued.body(),
                        queued == null ? null : wire(queued.chunkAs()), queued == null ? null : describe(queued.text()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /** A new version of an existing document, waiting for a worker: pending, with its text. */
    public Uni<Document> queue(SqlConnection conn, UUID tenant, UUID id, Queued queued) {
        return conn.preparedQuery("UPDATE documents SET status = 'pending', error_message = NULL, pending_text = $3, "
                + "pending_chunk_as = $4, pending_description = $5, chunks_done = 0, chunks_total = NULL, lease_token = NULL, "
                + "lease_until = NULL, attempts = 0, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenant, id, queued.body(), wire(queued.chunkAs()), describe(queued.text())))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Up to {@code limit} unfinished documents of any tenant (pending, or processing with an expired lease), oldest first. */
    public Uni<List<Map.Entry<UUID, UUID>>> unfinished(SqlConnection conn, int limit) {
        return conn.preparedQuery("SELECT tenant_id, document_id FROM documents_to_index($1)").execute(Tuple.of(limit))
                .map(rows -> Rows.list(rows, r -> Map.entry(r.getUUID("tenant_id"), r.getUUID("document_id"))));
    }

    /**
     * Takes a document for indexing if it is pending, or processing under an expired lease: status
     * processing, a new lease, progress reset. Empty when another worker holds it or it is done.
     */
    public Uni<Optional<Claimed>> claim(SqlConnection conn, UUID tenant, UUID id, UUID token, Duration lease) {
        return conn.preparedQuery("UPDATE documents SET status = 'processing', lease_token = $3, "
                + "lease_until = now() + make_interval(secs => $4), attempts = attempts + 1, chunks_done = 0, chunks_total = NULL, "
                + "updated_at = now() WHERE tenant_id = $1 AND id = $2 AND pending_text IS NOT NULL "
                + "AND (status = 'pending' OR status = 'processing' AND lease_until < now()) "
                + "RETURNING " + COLUMNS + ", pending_text, pending_chunk_as, pending_description, attempts")
                .execute(Tuple.of(tenant, id, token, (double) lease.toMillis() / 1000))
                .map(rows -> Rows.first(rows, r -> new Claimed(map(r), new Queued(r.getString("pending_text"),
                        enumValue(r, "pending_chunk_as", FileType.class), text(Rows.object(r, "pending_description"))),
                        r.getInteger("attempts"))));
    }

    /** Progress of a claimed document, renewing its lease; false when the lease was lost. */
    public Uni<Boolean> progress(SqlConnection conn, UUID tenant, UUID id, UUID token, int done, int total, Duration lease) {
        return conn.preparedQuery("UPDATE documents SET chunks_done = $4, chunks_total = $5, "
                + "lease_until = now() + make_interval(secs => $6), updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 AND status = 'processing' AND lease_token = $3")
                .execute(Tuple.from(new Object[] { tenant, id, token, done, total, (double) lease.toMillis() / 1000 }))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Whether this lease still holds the (locked) document. */
    public Uni<Boolean> holdsLease(SqlConnection conn, UUID tenant, UUID id, UUID token) {
        return conn.preparedQuery("SELECT 1 FROM documents WHERE tenant_id = $1 AND id = $2 AND status = 'processing' "
                + "AND lease_token = $3 FOR UPDATE").execute(Tuple.of(tenant, id, token)).map(rows -> rows.rowCount() == 1);
    }

    private static JsonObject describe(Text t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", t.title());
        m.put("filename", t.filename());
        m.put("file_type", wire(t.fileType()));
        m.put("size_bytes", t.sizeBytes());
        m.put("storage_path", t.storagePath());
        m.put("content_hash", t.hashHex());
        m.put("metadata", t.metadata() == null ? Map.of() : t.metadata());
        return Rows.jsonb(m);
    }

    @SuppressWarnings("unchecked")
    private static Text text(Map<String, Object> m) {
        return new Text((String) m.get("title"), (String) m.get("filename"),
                FileType.valueOf(((String) m.get("file_type")).toUpperCase(Locale.ROOT)), ((Number) m.get("size_bytes")).longValue(),
                (String) m.get("storage_path"), (String) m.get("content_hash"), (Map<String, Object>) m.get("metadata"));
    }

    /** The live document of the collection holding exactly this text, if any. */
    public Uni<Optional<Document>> findByContent(SqlConnection conn, UUID tenant, UUID collection, String hashHex) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM documents WHERE tenant_id = $1 AND collection_id = $2 "
                + "AND content_hash = decode($3, 'hex') AND status <> 'failed'")
                .execute(Tuple.of(tenant, collection, hashHex)).map(rows -> Rows.first(rows, DocumentStore::map));
    }

    public Uni<Optional<Document>> find(SqlConnection conn, UUID tenant, UUID collection, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM documents WHERE tenant_id = $1 AND collection_id = $2 AND id = $3")
                .execute(Tuple.of(tenant, collection, id)).map(rows -> Rows.first(rows, DocumentStore::map));
    }

    /** The document, locked until the transaction ends (replacements of one document run one at a time). */
    public Uni<Optional<Document>> lock(SqlConnection conn, UUID tenant, UUID collection, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM documents WHERE tenant_id = $1 AND collection_id = $2 AND id = $3 "
                + "FOR UPDATE").execute(Tuple.of(tenant, collection, id)).map(rows -> Rows.first(rows, DocumentStore::map));
    }

    public Uni<List<Document>> list(SqlConnection conn, UUID tenant, UUID collection, DocumentStatus status, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM documents WHERE tenant_id = $1 AND collection_id = $2 "
                + "AND ($3::varchar IS NULL OR status = $3) AND ($4::uuid IS NULL OR id < $4) ORDER BY id DESC LIMIT $5")
                .execute(Tuple.of(tenant, collection, wire(status), page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, DocumentStore::map));
    }

    public Uni<Void> markProcessing(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("UPDATE documents SET status = 'processing', error_message = NULL, pending_text = NULL, "
                + "pending_chunk_as = NULL, pending_description = NULL, lease_token = NULL, lease_until = NULL, chunks_done = 0, "
                + "chunks_total = NULL, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id)).replaceWithVoid();
    }

    /** The new text is indexed: its description, version and current chunk count. */
    public Uni<Document> markIndexed(SqlConnection conn, UUID tenant, UUID id, Text t, int version, int chunkCount) {
        return conn.preparedQuery("UPDATE documents SET title = $3, filename = $4, file_type = $5, size_bytes = $6, "
                + "storage_path = coalesce($7, storage_path), content_hash = decode($8, 'hex'), metadata = $9, version = $10, "
                + "chunk_count = $11, chunks_done = $11, chunks_total = $11, status = 'indexed', error_message = NULL, pending_text = NULL, "
                + "pending_chunk_as = NULL, pending_description = NULL, lease_token = NULL, lease_until = NULL, indexed_at = now(), "
                + "updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenant, id, t.title(), t.filename(), wire(t.fileType()), t.sizeBytes(),
                        t.storagePath(), t.hashHex(), Rows.jsonb(t.metadata()), version, chunkCount }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Indexing failed: the document says why; chunks of an earlier version, if any, stay current. */
    public Uni<Void> markFailed(SqlConnection conn, UUID tenant, UUID id, String error) {
        return conn.preparedQuery("UPDATE documents SET status = 'failed', error_message = $3, pending_text = NULL, "
                + "pending_chunk_as = NULL, pending_description = NULL, lease_token = NULL, lease_until = NULL, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id, error)).replaceWithVoid();
    }

    /** Deletes the document and (by cascade) its chunks; answers its current chunk count, or empty. */
    public Uni<Optional<Integer>> delete(SqlConnection conn, UUID tenant, UUID collection, UUID id) {
        return conn.preparedQuery("DELETE FROM documents WHERE tenant_id = $1 AND collection_id = $2 AND id = $3 RETURNING chunk_count")
                .execute(Tuple.of(tenant, collection, id)).map(rows -> Rows.first(rows, r -> r.getInteger("chunk_count")));
    }

    static Document map(Row row) {
        return new Document(row.getUUID("id"), row.getUUID("collection_id"), row.getString("title"), row.getString("filename"),
                enumValue(row, "file_type", FileType.class), row.getLong("size_bytes"), row.getString("storage_path"),
                enumValue(row, "status", DocumentStatus.class), row.getInteger("chunk_count"), row.getInteger("chunks_done"),
                row.getInteger("chunks_total"), row.getString("error_message"),
                row.getString("content_hash"), row.getInteger("version"), Rows.object(row, "metadata"),
                row.getString("uploaded_by"), instant(row, "uploaded_at"), instant(row, "indexed_at"), instant(row, "updated_at"));
    }
}
