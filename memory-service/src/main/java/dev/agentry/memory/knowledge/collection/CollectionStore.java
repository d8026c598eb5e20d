package dev.agentry.memory.knowledge.collection;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code collections} (and the removal of a deleted one's documents), inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class CollectionStore {

    private static final String COLUMNS = "id, name, slug, description, embedding_model, chunk_size, chunk_overlap, language, "
            + "document_count, chunk_count, status, settings, metadata, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_collections_slug", "slug");

    public Uni<Collection> insert(SqlConnection conn, UUID tenant, UUID id, CollectionCreate c, String model, int chunkSize,
            int chunkOverlap) {
        return conn.preparedQuery("INSERT INTO collections (id, tenant_id, name, slug, description, embedding_model, chunk_size, "
                + "chunk_overlap, language, settings, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenant, c.name().strip(), c.slug(), c.description(), model, chunkSize,
                        chunkOverlap, c.language() == null ? "en" : c.language(), Rows.jsonb(c.settings()), Rows.jsonb(c.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Collection>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM collections WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, CollectionStore::map));
    }

    public Uni<List<Collection>> list(SqlConnection conn, UUID tenant, CollectionStatus status, String slug, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM collections WHERE tenant_id = $1 AND deleted_at IS NULL "
                + "AND ($2::varchar IS NULL OR status = $2) AND ($3::uuid IS NULL OR id < $3) "
                + "AND ($5::varchar IS NULL OR slug = $5) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(tenant, wire(status), page.after(), page.fetchSize(), slug))
                .map(rows -> Rows.list(rows, CollectionStore::map));
    }

    public Uni<Optional<Collection>> update(SqlConnection conn, UUID tenant, UUID id, CollectionUpdate u) {
        return conn.preparedQuery("UPDATE collections SET name = coalesce($3, name), description = coalesce($4, description), "
                + "chunk_size = coalesce($5, chunk_size), chunk_overlap = coalesce($6, chunk_overlap), status = coalesce($7, status), "
                + "settings = coalesce($8, settings), metadata = coalesce($9, metadata), updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenant, id, u.name() == null ? null : u.name().strip(), u.description(),
                        u.chunkSize(), u.chunkOverlap(), wire(u.status()), u.settings() == null ? null : Rows.jsonb(u.settings()),
                        u.metadata() == null ? null : Rows.jsonb(u.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> Rows.first(rows, CollectionStore::map));
    }

    /** Marks the collection deleted (its slug is free again); the caller removes its documents. */
    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("UPDATE collections SET deleted_at = now(), updated_at = now(), document_count = 0, "
                + "chunk_count = 0 WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenant, id)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Removes a deleted collection's documents and (by cascade) their chunks: the collection owns
     * them, so its deletion is said here, not by the document package above it.
     */
    public Uni<Integer> deleteDocuments(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("DELETE FROM documents WHERE tenant_id = $1 AND collection_id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> rows.rowCount());
    }

    /** Keeps the document and current-chunk counts in step with the rows just written. */
    public Uni<Void> adjustCounts(SqlConnection conn, UUID tenant, UUID id, int documents, int chunks) {
        return conn.preparedQuery("UPDATE collections SET document_count = document_count + $3, chunk_count = chunk_count + $4, "
                + "updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id, documents, chunks)).replaceWithVoid();
    }

    static Collection map(Row row) {
        return new Collection(row.getUUID("id"), row.getString("name"), row.getString("slug"), row.getString("description"),
                row.getString("embedding_model"), row.getInteger("chunk_size"), row.getInteger("chunk_overlap"),
                row.getString("language"), row.getInteger("document_count"), row.getInteger("chunk_count"),
                enumValue(row, "status", CollectionStatus.class), Rows.object(row, "settings"), Rows.object(row, "metadata"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
