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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code documents}, inside the caller's RLS-bound transaction. Hashes travel as hex. */
@ApplicationScoped
public class DocumentStore {

    private static final String COLUMNS = "id, collection_id, title, filename, file_type, size_bytes, storage_path, status, "
            + "chunk_count, error_message, encode(content_hash, 'hex') AS content_hash, version, metadata, uploaded_by, "
            + "uploaded_at, indexed_at, updated_at";
    static final Map<String, String> UNIQUE = Map.of("uq_documents_content", "content");

    /** What an upload or replacement says about the document itself. */
    public record Text(String title, String filename, FileType fileType, long sizeBytes, String storagePath, String hashHex,
            Map<String, Object> metadata) {
    }

    /** A new document, status processing, version 1. */
    public Uni<Document> insert(SqlConnection conn, UUID tenant, UUID id, UUID collection, Text t, String uploadedBy) {
        return conn.preparedQuery("INSERT INTO documents (id, tenant_id, collection_id, title, filename, file_type, size_bytes, "
                + "storage_path, status, content_hash, metadata, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'processing', "
                + "decode($9, 'hex'), $10, $11) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenant, collection, t.title(), t.filename(), wire(t.fileType()), t.sizeBytes(),
                        t.storagePath(), t.hashHex(), Rows.jsonb(t.metadata()), uploadedBy }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
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
        return conn.preparedQuery("UPDATE documents SET status = 'processing', error_message = NULL, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id)).replaceWithVoid();
    }

    /** The new text is indexed: its description, version and current chunk count. */
    public Uni<Document> markIndexed(SqlConnection conn, UUID tenant, UUID id, Text t, int version, int chunkCount) {
        return conn.preparedQuery("UPDATE documents SET title = $3, filename = $4, file_type = $5, size_bytes = $6, "
                + "storage_path = coalesce($7, storage_path), content_hash = decode($8, 'hex'), metadata = $9, version = $10, "
                + "chunk_count = $11, status = 'indexed', error_message = NULL, indexed_at = now(), updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenant, id, t.title(), t.filename(), wire(t.fileType()), t.sizeBytes(),
                        t.storagePath(), t.hashHex(), Rows.jsonb(t.metadata()), version, chunkCount }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Indexing failed: the document says why; chunks of an earlier version, if any, stay current. */
    public Uni<Void> markFailed(SqlConnection conn, UUID tenant, UUID id, String error) {
        return conn.preparedQuery("UPDATE documents SET status = 'failed', error_message = $3, updated_at = now() "
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
                enumValue(row, "status", DocumentStatus.class), row.getInteger("chunk_count"), row.getString("error_message"),
                row.getString("content_hash"), row.getInteger("version"), Rows.object(row, "metadata"),
                row.getString("uploaded_by"), instant(row, "uploaded_at"), instant(row, "indexed_at"), instant(row, "updated_at"));
    }
}
