package dev.agentry.memory.knowledge.ragquery;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.memory.knowledge.chunk.ChunkHit;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code rag_queries}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class RagQueryStore {

    private static final String COLUMNS = "id, collection_id, query_text, mode, strategy, embedding_model, result_chunk_ids, "
            + "result_scores, top_score, filters, latency_ms, asked_by, feedback_score, feedback_comment, feedback_by, feedback_at, "
            + "created_at";

    public Uni<Void> insert(SqlConnection conn, UUID tenant, UUID id, UUID collection, String query, SearchMode mode,
            SearchStrategy strategy, String model, List<ChunkHit> hits, Map<String, Object> filters, double latencyMs,
            String askedBy) {
        UUID[] ids = hits.stream().map(h -> h.chunk().id()).toArray(UUID[]::new);
        Double[] scores = hits.stream().map(h -> h.scores().score()).toArray(Double[]::new);
        return conn.preparedQuery("INSERT INTO rag_queries (id, tenant_id, collection_id, query_text, mode, strategy, embedding_model, "
                + "result_chunk_ids, result_scores, top_score, filters, latency_ms, asked_by) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .execute(Tuple.from(new Object[] { id, tenant, collection, query, wire(mode), wire(strategy), model, ids, scores,
                        scores.length == 0 ? null : scores[0], Rows.jsonb(filters), latencyMs, askedBy }))
                .replaceWithVoid();
    }

    public Uni<Optional<RagQuery>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM rag_queries WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, RagQueryStore::map));
    }

    public Uni<List<RagQuery>> list(SqlConnection conn, UUID tenant, UUID collection, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM rag_queries WHERE tenant_id = $1 "
                + "AND ($2::uuid IS NULL OR collection_id = $2) AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(tenant, collection, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, RagQueryStore::map));
    }

    public Uni<Optional<RagQuery>> feedback(SqlConnection conn, UUID tenant, UUID id, RagFeedback feedback, String by) {
        return conn.preparedQuery("UPDATE rag_queries SET feedback_score = $3, feedback_comment = $4, feedback_by = $5, "
                + "feedback_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenant, id, feedback.score().shortValue(), feedback.comment(), by))
                .map(rows -> Rows.first(rows, RagQueryStore::map));
    }

    static RagQuery map(Row row) {
        UUID[] ids = row.getArrayOfUUIDs("result_chunk_ids");
        Double[] scores = row.getArrayOfDoubles("result_scores");
        Short feedback = row.getShort("feedback_score");
        return new RagQuery(row.getUUID("id"), row.getUUID("collection_id"), row.getString("query_text"),
                enumValue(row, "mode", SearchMode.class), enumValue(row, "strategy", SearchStrategy.class),
                row.getString("embedding_model"), Arrays.asList(ids), Arrays.asList(scores), row.getDouble("top_score"),
                Rows.object(row, "filters"), row.getDouble("latency_ms"), row.getString("asked_by"),
                feedback == null ? null : feedback.intValue(), row.getString("feedback_comment"), row.getString("feedback_by"),
                instant(row, "feedback_at"), instant(row, "created_at"), null);
    }
}
