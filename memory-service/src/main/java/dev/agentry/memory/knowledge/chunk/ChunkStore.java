package dev.agentry.memory.knowledge.chunk;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.vector.VectorCodec;
import dev.agentry.memory.knowledge.text.Chunker;
import dev.agentry.memory.knowledge.text.DocumentText;
import dev.agentry.memory.search.Boost;
import dev.agentry.memory.search.HitScores;
import dev.agentry.memory.search.HybridSql;
import dev.agentry.memory.search.RankingLimits;
import dev.agentry.memory.search.SqlParams;
import dev.agentry.memory.search.SqlStatement;
import dev.agentry.memory.search.TextQuery;
import dev.agentry.memory.search.VectorQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** All SQL on {@code chunks}, inside the caller's RLS-bound transaction. Hashes travel as hex. */
@ApplicationScoped
public class ChunkStore {

    private static final String COLUMNS = "t.id, t.collection_id, t.document_id, t.chunk_index, t.content, "
            + "encode(t.chunk_hash, 'hex') AS chunk_hash, t.language, t.embedding_model, t.token_count, t.version, t.is_current, "
            + "t.archived_at, t.metadata, t.created_at";

    /** The chunk's page (null where the format has none); a non-integer value reads as no page. */
    private static final String PAGE = "(CASE WHEN jsonb_typeof(t.metadata -> 'page') = 'number' "
            + "THEN (t.metadata ->> 'page')::numeric END)";

    /** A chunk of the current version: id, hash (hex), position. */
    public record Current(UUID id, String hashHex, int chunkIndex) {
    }

    /** A chunk to insert, with its vector. */
    public record NewChunk(UUID id, Chunker.Draft draft, String hashHex, float[] embedding) {
    }

    /**
     * A knowledge search, resolved: the collection (and optionally one document, one file type), the
     * vector ranking (null in text mode), the text ranking (null in vector mode), the sizes and the
     * metadata filters ({@link Filters#NONE} for none).
     */
    public record Query(UUID collection, UUID document, String fileType, VectorQuery vector, TextQuery text,
            RankingLimits limits, Filters filters) {

        /** Without metadata filters (the benchmark's form). */
        public Query(UUID collection, UUID document, String fileType, VectorQuery vector, TextQuery text, RankingLimits limits) {
            this(collection, document, fileType, vector, text, limits, Filters.NONE);
        }
    }

    /**
     * Filters on what the document and chunk say of themselves: every one of {@code tags} in the
     * document's {@code metadata.tags}; the document's {@code metadata.language}; the chunk's
     * {@code metadata.page} within [pageFrom, pageTo] (a chunk without a page is left out once a
     * bound is given). Null or empty means no filter.
     */
    public record Filters(List<String> tags, String documentLanguage, Integer pageFrom, Integer pageTo) {

        public static final Filters NONE = new Filters(List.of(), null, null, null);

        /** Whether any filter applies (the search strategy treats a filtered search as selective). */
        public boolean any() {
            return (tags != null && !tags.isEmpty()) || documentLanguage != null || pageFrom != null || pageTo != null;
        }
    }

    /**
     * Vectors already stored in the tenant for these texts (by hash) and this model: the same
     * paragraph in another document or version is not embedded twice.
     */
    public Uni<Map<String, float[]>> reusableEmbeddings(SqlConnection conn, UUID tenant, String model, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT DISTINCT ON (chunk_hash) encode(chunk_hash, 'hex') AS hash, embedding::text AS embedding "
                + "FROM chunks WHERE tenant_id = $1 AND embedding_model = $2 "
                + "AND chunk_hash = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest($3::text[]) h))")
                .execute(Tuple.of(tenant, model, hashes.toArray(String[]::new))).map(rows -> {
                    Map<String, float[]> out = new HashMap<>();
                    for (Row row : rows) {
                        out.put(row.getString("hash"), VectorCodec.fromRow(row, "embedding"));
                    }
                    return out;
                });
    }

    public Uni<List<Current>> current(SqlConnection conn, UUID tenant, UUID document) {
        return conn.preparedQuery("SELECT id, encode(chunk_hash, 'hex') AS hash, chunk_index FROM chunks "
                + "WHERE tenant_id = $1 AND document_id = $2 AND is_current ORDER BY chunk_index")
                .execute(Tuple.of(tenant, document))
                .map(rows -> Rows.list(rows, r -> new Current(r.getUUID("id"), r.getString("hash"), r.getInteger("chunk_index"))));
    }

    /** Inserts the chunks of one document version in one statement. */
    public Uni<Void> insertAll(SqlConnection conn, UUID tenant, UUID collection, UUID document, int version, String language,
            String model, List<NewChunk> chunks) {
        if (chunks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = chunks.size();
        UUID[] ids = new UUID[n];
        Integer[] indexes = new Integer[n];
        String[] contents = new String[n];
        String[] hashes = new String[n];
        String[] vectors = new String[n];
        Integer[] tokens = new Integer[n];
        String[] metadata = new String[n];
        for (int i = 0; i < n; i++) {
            NewChunk c = chunks.get(i);
            ids[i] = c.id();
            indexes[i] = c.draft().index();
            contents[i] = c.draft().content();
            hashes[i] = c.hashHex();
            vectors[i] = VectorCodec.toSql(c.embedding());
            tokens[i] = DocumentText.estimateTokens(c.draft().content());
            metadata[i] = Rows.jsonb(c.draft().metadata()).encode();
        }
        return conn.preparedQuery("INSERT INTO chunks (id, tenant_id, collection_id, document_id, chunk_index, content, chunk_hash, "
                + "language, embedding, embedding_model, token_count, version, metadata) "
                + "SELECT u.id, $1, $2, $3, u.idx, u.content, decode(u.hash, 'hex'), $4, u.embedding::vector, $5, u.tokens, $6, "
                + "u.metadata::jsonb FROM unnest($7::uuid[], $8::int[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[]) "
                + "AS u (id, idx, content, hash, embedding, tokens, metadata)")
                .execute(Tuple.from(new Object[] { tenant, collection, document, language, model, version, ids, indexes, contents,
                        hashes, vectors, tokens, metadata }))
                .replaceWithVoid();
    }

    /** Archives chunks of an older version: kept to explain old answers, no longer searched. */
    public Uni<Void> archive(SqlConnection conn, UUID tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("UPDATE chunks SET is_current = false, archived_at = now(), updated_at = now() "
                + "WHERE tenant_id = $1 AND id = ANY($2) AND is_current")
                .execute(Tuple.of(tenant, ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** Kept chunks take their position in the new version. */
    public Uni<Void> reposition(SqlConnection conn, UUID tenant, Map<UUID, Integer> positions) {
        if (positions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("UPDATE chunks c SET chunk_index = u.idx, updated_at = now() FROM unnest($2::uuid[], $3::int[]) "
                + "AS u (id, idx) WHERE c.tenant_id = $1 AND c.id = u.id AND c.chunk_index <> u.idx")
                .execute(Tuple.of(tenant, positions.keySet().toArray(UUID[]::new),
                        positions.keySet().stream().map(positions::get).toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    public Uni<List<Chunk>> list(SqlConnection conn, UUID tenant, UUID document, boolean includeArchived, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM chunks t WHERE t.tenant_id = $1 AND t.document_id = $2 "
                + "AND ($3 OR t.is_current) AND ($4::uuid IS NULL OR t.id < $4) ORDER BY t.id DESC LIMIT $5")
                .execute(Tuple.of(tenant, document, includeArchived, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, ChunkStore::map));
    }

    /** The chunks with these ids, archived ones included (a logged answer is explained by them). */
    public Uni<List<Chunk>> findAll(SqlConnection conn, UUID tenant, List<UUID> ids) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM chunks t WHERE t.tenant_id = $1 AND t.id = ANY($2)")
                .execute(Tuple.of(tenant, ids.toArray(UUID[]::new))).map(rows -> Rows.list(rows, ChunkStore::map));
    }

    public Uni<List<ChunkHit>> search(SqlConnection conn, UUID tenant, Query q) {
        SqlStatement s = searchStatement(tenant, q);
        return conn.preparedQuery(s.sql()).execute(s.params()).map(rows -> Rows.list(rows, row -> ChunkHit.of(map(row),
                new ChunkSource(row.getUUID("document_id"), row.getString("document_title"), row.getString("document_filename"),
                        row.getInteger("document_version")),
                HitScores.of(row))));
    }

    /** The search statement exactly as {@link #search} sends it; public for the benchmark's plans. */
    public static SqlStatement searchStatement(UUID tenant, Query q) {
        SqlParams p = new SqlParams();
        String tenantParam = p.add(tenant);
        String collectionParam = p.add(q.collection());
        String filter = "t.tenant_id = " + tenantParam + " AND t.collection_id = " + collectionParam + " AND t.is_current";
        if (q.document() != null) {
            filter += " AND t.document_id = " + p.add(q.document());
        }
        if (q.fileType() != null) {
            filter += " AND t.document_id IN (SELECT f.id FROM documents f WHERE f.tenant_id = " + tenantParam
                    + " AND f.collection_id = " + collectionParam + " AND f.file_type = " + p.add(q.fileType()) + ")";
        }
        Filters f = q.filters() == null ? Filters.NONE : q.filters();
        boolean byDocument = (f.tags() != null && !f.tags().isEmpty()) || f.documentLanguage() != null;
        if (byDocument) {
            // Tags and language are the document's: one sub-select over the collection's documents.
            String docFilter = "f.tenant_id = " + tenantParam + " AND f.collection_id = " + collectionParam;
            if (f.tags() != null && !f.tags().isEmpty()) {
                docFilter += " AND f.metadata -> 'tags' @> to_jsonb(" + p.add(f.tags().toArray(String[]::new)) + "::text[])";
            }
            if (f.documentLanguage() != null) {
                docFilter += " AND f.metadata ->> 'language' = " + p.add(f.documentLanguage());
            }
            filter += " AND t.document_id IN (SELECT f.id FROM documents f WHERE " + docFilter + ")";
        }
        if (f.pageFrom() != null) {
            filter += " AND " + PAGE + " >= " + p.add(f.pageFrom());
        }
        if (f.pageTo() != null) {
            filter += " AND " + PAGE + " <= " + p.add(f.pageTo());
        }
        HybridSql.Source source = new HybridSql.Source("chunks",
                "JOIN documents d ON d.tenant_id = " + tenantParam + " AND d.id = t.document_id",
                COLUMNS + ", d.title AS document_title, d.filename AS document_filename, d.version AS document_version", filter,
                tenantParam, "chunk_text_matches(" + tenantParam + ", " + collectionParam + ", %s, %s)");
        String sql = HybridSql.sql(p, new HybridSql.Spec(source, q.vector(), q.text(), q.limits(), Boost.NONE));
        return new SqlStatement(sql, p.tuple());
    }

    static Chunk map(Row row) {
        return new Chunk(row.getUUID("id"), row.getUUID("collection_id"), row.getUUID("document_id"), row.getInteger("chunk_index"),
                row.getString("content"), row.getString("chunk_hash"), row.getString("language"), row.getString("embedding_model"),
                row.getInteger("token_count"), row.getInteger("version"), row.getBoolean("is_current"), instant(row, "archived_at"),
                Rows.object(row, "metadata"), instant(row, "created_at"));
    }
}
