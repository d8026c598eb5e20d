package dev.agentry.memory.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The one search statement of episodes and chunks, assembled from a table's filter: a vector
 * ranking and a full-text ranking, each cut to its best candidates, fused by reciprocal rank
 * (score = sum over rankings of 1 / (k + rank)) plus a small recency and importance boost. One
 * round trip; every hit carries its parts.
 *
 * <p>Vector ranking. {@link SearchStrategy#EXACT} orders by {@code (embedding <=> q) + 0}: no index
 * can produce that order, so PostgreSQL compares every row the filter leaves (found through the
 * tenant's B-tree) and keeps the top candidates: perfect recall, and for a few thousand rows faster
 * than the graph (ARCHITECTURE.md measured 3.1 ms against 71 ms). {@link SearchStrategy#HNSW}
 * orders by {@code embedding <=> q} itself, which the HNSW index serves, with the iterative scan
 * every connection enables so that filtered-out rows do not starve the result.
 *
 * <p>Text ranking. The query's words become an OR of lexemes in two configurations: the query's
 * language (stemmed where PostgreSQL has a stemmer) and {@code simple} (rows in languages without
 * one, e.g. Vietnamese, are indexed with {@code simple}). Rows matching any lexeme are ranked by
 * {@code ts_rank_cd} (cover density, normalised to 0..1), so a row holding every word of an exact
 * product code ranks first, and a paraphrase with no shared word is left to the vector ranking.
 *
 * <p>Output columns besides the caller's: {@code vector_rank}, {@code vector_similarity},
 * {@code text_rank}, {@code text_score}, {@code hit_recency}, {@code hit_importance}, {@code hit_score}.
 */
public final class HybridSql {

    private HybridSql() {
    }

    /**
     * What one search needs. Every string is SQL over alias {@code t}; placeholders ({@code $n})
     * come from the same {@link SqlParams}.
     *
     * @param table           the table searched
     * @param join            joined to each hit for more columns (e.g. its document), or empty
     * @param columns         the caller's columns, e.g. {@code t.id, t.content}
     * @param filter          the candidate rows, e.g. {@code t.tenant_id = $1 AND t.agent_id = $2}
     * @param tenant          placeholder of the tenant id (joins the fused ids back to rows)
     * @param strategy        how the vector ranking runs; {@code TEXT} for none
     * @param vector          placeholder of the query vector (cast here), or null without a vector ranking
     * @param model           placeholder of the embedding model that stored rows must share with the query
     * @param queryText       placeholder of the query text, or null without a text ranking
     * @param language        placeholder of the query's language code
     * @param candidates      placeholder of the number of candidates per ranking
     * @param rrfK            placeholder of k
     * @param recency         SQL of the row's recency in 0..1 ({@code 0} when it does not apply)
     * @param importance      SQL of the row's importance in 0..1 ({@code 0} when it does not apply)
     * @param recencyWeight   placeholder of the recency weight
     * @param importanceWeight placeholder of the importance weight
     * @param limit           placeholder of the number of hits
     */
    public record Spec(String table, String join, String columns, String filter, String tenant, SearchStrategy strategy,
            String vector, String model, String queryText, String language, String candidates, String rrfK,
            String recency, String importance, String recencyWeight, String importanceWeight, String limit) {
    }

    public static String sql(Spec s) {
        boolean vector = s.vector() != null && s.strategy() != SearchStrategy.TEXT;
        boolean text = s.queryText() != null;
        if (!vector && !text) {
            throw new IllegalArgumentException("a search needs a vector or a text ranking");
        }
        List<String> ctes = new ArrayList<>();
        if (vector) {
            String distance = "t.embedding <=> " + s.vector() + "::vector";
            // "+ 0" hides the ordering from the HNSW index: the exact path must not use it.
            String order = s.strategy() == SearchStrategy.EXACT ? "(" + distance + ") + 0" : distance;
            ctes.add("vec AS (SELECT t.id, " + distance + " AS distance FROM " + s.table() + " t WHERE " + s.filter()
                    + " AND t.embedding_model = " + s.model() + " ORDER BY " + order + " LIMIT " + s.candidates() + ")");
            ctes.add("vec_ranked AS (SELECT id, distance, row_number() OVER (ORDER BY distance, id) AS r FROM vec)");
        }
        if (text) {
            // An OR of the query's lexemes, each quoted for to_tsquery (backslash and quote escaped).
            ctes.add("tq AS (SELECT nullif(string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | '), '')"
                    + "::tsquery AS q FROM (SELECT unnest(tsvector_to_array(to_tsvector(text_search_config(" + s.language()
                    + "), " + s.queryText() + "))) UNION SELECT unnest(tsvector_to_array(to_tsvector('pg_catalog.simple'::regconfig, "
                    + s.queryText() + ")))) l (lexeme))");
            ctes.add("txt AS (SELECT t.id, ts_rank_cd(t.search_tsv, (SELECT q FROM tq), 32) AS rank FROM " + s.table()
                    + " t WHERE " + s.filter() + " AND t.search_tsv @@ (SELECT q FROM tq) ORDER BY rank DESC, t.id LIMIT "
                    + s.candidates() + ")");
            ctes.add("txt_ranked AS (SELECT id, rank, row_number() OVER (ORDER BY rank DESC, id) AS r FROM txt)");
        }
        if (vector && text) {
            ctes.add("fused AS (SELECT coalesce(v.id, x.id) AS id, v.r AS vector_rank, v.distance, x.r AS text_rank, "
                    + "x.rank AS text_score FROM vec_ranked v FULL JOIN txt_ranked x ON x.id = v.id)");
        } else if (vector) {
            ctes.add("fused AS (SELECT id, r AS vector_rank, distance, NULL::bigint AS text_rank, NULL::real AS text_score "
                    + "FROM vec_ranked)");
        } else {
            ctes.add("fused AS (SELECT id, NULL::bigint AS vector_rank, NULL::float8 AS distance, r AS text_rank, "
                    + "rank AS text_score FROM txt_ranked)");
        }
        String k = s.rrfK() + "::int";
        return "WITH " + String.join(",\n", ctes) + "\nSELECT " + s.columns()
                + ", f.vector_rank, 1 - f.distance AS vector_similarity, f.text_rank, f.text_score, "
                + "b.recency AS hit_recency, b.importance AS hit_importance, "
                + "coalesce(1.0::float8 / (" + k + " + f.vector_rank), 0) + coalesce(1.0::float8 / (" + k + " + f.text_rank), 0) + "
                + s.recencyWeight() + "::float8 * b.recency + " + s.importanceWeight() + "::float8 * b.importance AS hit_score "
                + "FROM fused f JOIN " + s.table() + " t ON t.tenant_id = " + s.tenant() + " AND t.id = f.id " + s.join()
                + " CROSS JOIN LATERAL (SELECT (" + s.recency() + ")::float8 AS recency, (" + s.importance()
                + ")::float8 AS importance) b ORDER BY hit_score DESC, t.id LIMIT " + s.limit();
    }
}
