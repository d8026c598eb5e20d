package dev.agentry.memory.search;

import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.vector.VectorCodec;
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
 * than the graph (ARCHITECTURE.md measured 3.1 ms against 71 ms). {@link SearchStrategy#INDEX}
 * orders by {@code embedding <=> q} itself, which the HNSW index serves, with the iterative scan
 * every connection enables so that filtered-out rows do not starve the result.
 *
 * <p>Text ranking. The query's words become lexemes in two configurations: the query's language
 * (stemmed where PostgreSQL has a stemmer) and {@code simple} (rows in languages without one, e.g.
 * Vietnamese, are indexed with {@code simple}). Candidates are the rows holding every lexeme of the
 * query (searched over all history: the GIN intersection is selective) and the rows holding any
 * lexeme among the most recent {@code textWindow} rows of the filter (bounded: on a large tenant a
 * common word matches tens of thousands of rows, each to be read and ranked). They are ranked by
 * {@code ts_rank_cd} over the OR of lexemes (cover density, normalised to 0..1), so a row holding
 * every part of an exact product code ranks first, and a paraphrase with no shared word is left to
 * the vector ranking. Below {@code textWindow} rows the window is everything: plain OR semantics.
 *
 * <p>Output columns besides the caller's: {@code vector_rank}, {@code vector_similarity},
 * {@code text_rank}, {@code text_score}, {@code hit_recency}, {@code hit_importance}, {@code hit_score}.
 */
public final class HybridSql {

    private HybridSql() {
    }

    /**
     * The rows a search reads. Every string is SQL over alias {@code t}; its placeholders come from
     * the {@link SqlParams} passed to {@link #sql}.
     *
     * @param table           the table searched
     * @param join            joined to each hit for more columns (e.g. its document), or empty
     * @param columns         the caller's columns, e.g. {@code t.id, t.content}
     * @param filter          the candidate rows, starting with {@code t.tenant_id = $n}
     * @param tenant          placeholder of the tenant id (joins the fused ids back to rows)
     * @param allWordsMatches SQL answering the ids of rows holding all words of the first {@code %s}
     *                        (a tsquery), at most the second {@code %s} of them: a SECURITY DEFINER
     *                        function of the V2 migration, so that the GIN index is used under RLS
     */
    public record Source(String table, String join, String columns, String filter, String tenant, String allWordsMatches) {
    }

    /**
     * One search: the rows, the vector ranking (null for none), the text ranking (null for none),
     * the sizes and the boost.
     */
    public record Spec(Source source, VectorQuery vector, TextQuery text, RankingLimits limits, Boost boost) {
    }

    /** The statement of {@code spec}; its values are added to {@code p}. */
    public static String sql(SqlParams p, Spec spec) {
        Source s = spec.source();
        VectorQuery vq = spec.vector();
        TextQuery tq = spec.text();
        RankingLimits limits = spec.limits();
        boolean vector = vq != null;
        boolean text = tq != null;
        if (!vector && !text) {
            throw new IllegalArgumentException("a search needs a vector or a text ranking");
        }
        String candidates = p.add(limits.candidates());
        List<String> ctes = new ArrayList<>();
        if (vector) {
            String distance = "t.embedding <=> " + p.add(VectorCodec.toSql(vq.vector())) + "::vector";
            // "+ 0" hides the ordering from the HNSW index: the exact path must not use it.
            String order = vq.strategy() == SearchStrategy.EXACT ? "(" + distance + ") + 0" : distance;
            ctes.add("vec AS (SELECT t.id, " + distance + " AS distance FROM " + s.table() + " t WHERE " + s.filter()
                    + " AND t.embedding_model = " + p.add(vq.model()) + " ORDER BY " + order + " LIMIT " + candidates + ")");
            ctes.add("vec_ranked AS (SELECT id, distance, row_number() OVER (ORDER BY distance, id) AS r FROM vec)");
        }
        if (text) {
            // The query's lexemes, each quoted for to_tsquery (backslash and quote escaped): any of them
            // (OR over both configurations), and all of them (AND per configuration; only for two or more).
            String language = p.add(tq.language());
            String queryText = p.add(tq.text());
            String quoted = "'''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''''";
            String inLanguage = "unnest(tsvector_to_array(to_tsvector(text_search_config(" + language + "), " + queryText + ")))";
            String inSimple = "unnest(tsvector_to_array(to_tsvector('pg_catalog.simple'::regconfig, " + queryText + ")))";
            ctes.add("tq AS (SELECT (SELECT nullif(string_agg(" + quoted + ", ' | '), '')::tsquery FROM (SELECT " + inLanguage
                    + " UNION SELECT " + inSimple + ") l (lexeme)) AS any_q, "
                    + "(SELECT CASE WHEN count(*) > 1 THEN string_agg(" + quoted + ", ' & ') END FROM " + inLanguage + " l (lexeme)) AS all_l, "
                    + "(SELECT CASE WHEN count(*) > 1 THEN string_agg(" + quoted + ", ' & ') END FROM " + inSimple + " l (lexeme)) AS all_s)");
            ctes.add("tq2 AS (SELECT any_q, CASE WHEN all_l IS NULL AND all_s IS NULL THEN NULL WHEN all_s IS NULL THEN all_l::tsquery "
                    + "WHEN all_l IS NULL THEN all_s::tsquery ELSE all_l::tsquery || all_s::tsquery END AS all_q FROM tq)");
            String rank = "ts_rank_cd(t.search_tsv, (SELECT any_q FROM tq2), 32)";
            // The window is read newest first through the (tenant_id, ..., id) B-tree, and only then
            // matched: a bound the planner cannot ignore (a runtime "id >= floor" made it scan everything).
            ctes.add("recent AS (SELECT t.id, t.search_tsv FROM " + s.table() + " t WHERE " + s.filter() + " ORDER BY t.id DESC LIMIT "
                    + p.add(limits.textWindow()) + ")");
            ctes.add("txt AS (SELECT id, max(rank) AS rank FROM ("
                    + "(SELECT t.id, " + rank + " AS rank FROM recent t WHERE t.search_tsv @@ (SELECT any_q FROM tq2) "
                    + "ORDER BY rank DESC, t.id LIMIT " + candidates + ") UNION ALL "
                    + "(SELECT t.id, " + rank + " AS rank FROM " + s.table() + " t WHERE " + s.filter() + " AND t.id IN (SELECT "
                    + String.format(s.allWordsMatches(), "(SELECT all_q FROM tq2)", p.add(limits.textMatchCap())) + ") ORDER BY rank DESC, t.id LIMIT "
                    + candidates + ")"
                    + ") x GROUP BY id ORDER BY rank DESC, id LIMIT " + candidates + ")");
            ctes.add("txt_ranked AS (SELECT id, rank, row_number() OVER (ORDER BY rank DESC, id) AS r FROM txt)");
        }
        if (vector && text) {
            // CASE, not coalesce(): under row-level security PostgreSQL takes an expression as an index
            // key only if it cannot leak, and it counts any COALESCE as possibly leaky.
            ctes.add("fused AS (SELECT CASE WHEN v.id IS NULL THEN x.id ELSE v.id END AS id, v.r AS vector_rank, v.distance, "
                    + "x.r AS text_rank, "
                    + "x.rank AS text_score FROM vec_ranked v FULL JOIN txt_ranked x ON x.id = v.id)");
        } else if (vector) {
            ctes.add("fused AS (SELECT id, r AS vector_rank, distance, NULL::bigint AS text_rank, NULL::real AS text_score "
                    + "FROM vec_ranked)");
        } else {
            ctes.add("fused AS (SELECT id, NULL::bigint AS vector_rank, NULL::float8 AS distance, r AS text_rank, "
                    + "rank AS text_score FROM txt_ranked)");
        }
        String k = p.add(limits.rrfK()) + "::int";
        Boost boost = spec.boost();
        return "WITH " + String.join(",\n", ctes) + "\nSELECT " + s.columns()
                + ", f.vector_rank, 1 - f.distance AS vector_similarity, f.text_rank, f.text_score, "
                + "b.recency AS hit_recency, b.importance AS hit_importance, "
                + "coalesce(1.0::float8 / (" + k + " + f.vector_rank), 0) + coalesce(1.0::float8 / (" + k + " + f.text_rank), 0) + "
                + p.add(boost.recencyWeight()) + "::float8 * b.recency + " + p.add(boost.importanceWeight())
                + "::float8 * b.importance AS hit_score "
                // One primary-key probe per hit: as a plain join the planner, blind to the fused row
                // count, scanned the whole tenant (231 ms at 193,000 rows) to hash-join 100 ids.
                + "FROM fused f CROSS JOIN LATERAL (SELECT * FROM " + s.table() + " t WHERE t.tenant_id = " + s.tenant()
                + " AND t.id = f.id LIMIT 1) t " + s.join()
                + " CROSS JOIN LATERAL (SELECT (" + boost.recency() + ")::float8 AS recency, (" + boost.importance()
                + ")::float8 AS importance) b ORDER BY hit_score DESC, t.id LIMIT " + p.add(limits.limit());
    }
}
