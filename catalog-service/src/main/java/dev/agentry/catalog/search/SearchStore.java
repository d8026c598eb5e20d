package dev.agentry.catalog.search;

import dev.agentry.catalog.support.SqlParams;
import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The offering search statement (the shape of memory-service's HybridSql): a vector ranking and a
 * text ranking over the same candidate predicate, each cut to its best candidates, fused by
 * reciprocal rank, one round trip; every hit carries its parts.
 *
 * <p>Candidates: active versions ({@code status = 'active'}, found through the partial unique
 * index that leads with tenant_id) of live offerings, narrowed by domain, type, typed attribute
 * filters, a price range and stock, each an {@code EXISTS} on the version.
 *
 * <p>Vector ranking: exact orders by {@code (embedding <=> q) + 0}, which no index can serve (every
 * candidate compared: perfect recall, the right choice for small tenants); index orders by
 * {@code embedding <=> q}, served by the partial HNSW index with the connection's iterative scan.
 *
 * <p>Text ranking: the query is accent-folded ({@code fold_text}: lower(unaccent)), so "bat dong
 * san" and "Bất Động Sản" are the same words ({@code simple} configuration: no stemmer fits
 * Vietnamese). Candidates: the versions holding every word or, when none does, those whose folded
 * text is trigram-similar to the folded query (misspellings), both found through their GIN indexes
 * by the SECURITY DEFINER function {@code offering_text_matches} (V2: the match operators are not
 * leakproof, so under row-level security the indexes are otherwise unused); plus the versions
 * holding any one word among the tenant's most recent {@code textWindow} active versions. Ranked by
 * {@code ts_rank_cd} over the OR of the words plus the trigram word similarity.
 */
@ApplicationScoped
public class SearchStore {

    /** Everything one search statement needs; placeholders come from {@code params}. */
    record Plan(SqlParams params, String tenant, String predicate, boolean vector, boolean exact, String vectorParam,
            String modelParam, String textParam, String thresholdParam, String textCap, String textWindow, String candidates,
            String rrfK, String limit) {
    }

    /**
     * How many active versions the tenant has, counted up to {@code atMost}: what the strategy is
     * chosen by. Bounded, so a large tenant's count reads at most {@code atMost} index entries
     * (measured at 1,000,000 offerings: the full count of a 192,773-version tenant took longer than
     * its HNSW search).
     */
    Uni<Long> activeCount(SqlConnection conn, UUID tenant, long atMost) {
        return conn.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM tenant_offering_version WHERE tenant_id = $1 "
                + "AND status = 'active' LIMIT $2) x")
                .execute(Tuple.of(tenant, atMost)).map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<Map<String, List<String[]>>> definitions(SqlConnection conn, UUID tenant, List<String> keys) {
        return conn.preparedQuery("SELECT key, scope, value_type FROM domain_attribute_definition "
                + "WHERE (tenant_id IS NULL OR tenant_id = $1) AND key = ANY($2)")
                .execute(Tuple.of(tenant, keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<String[]>> out = new java.util.HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new String[] { r.getString(1), r.getString(2) });
                    }
                    return out;
                });
    }

    Uni<java.util.Optional<UUID>> channelId(SqlConnection conn, UUID tenant, String code) {
        return conn.preparedQuery("SELECT id FROM tenant_sales_channel WHERE tenant_id = $1 AND code = $2")
                .execute(Tuple.of(tenant, code)).map(rows -> Rows.first(rows, r -> r.getUUID(0)));
    }

    Uni<List<OfferingHit>> search(SqlConnection conn, Plan p) {
        return conn.preparedQuery(sql(p)).execute(p.params().tuple()).map(rows -> Rows.list(rows, SearchStore::hit));
    }

    static String sql(Plan p) {
        boolean text = p.textParam() != null;
        List<String> ctes = new ArrayList<>();
        if (p.vector()) {
            String distance = "v.embedding <=> " + p.vectorParam() + "::vector";
            String order = p.exact() ? "(" + distance + ") + 0" : distance;
            ctes.add("vec AS (SELECT v.id, " + distance + " AS distance FROM tenant_offering_version v WHERE " + p.predicate()
                    + " AND v.embedding_model = " + p.modelParam() + " ORDER BY " + order + " LIMIT " + p.candidates() + ")");
            ctes.add("vec_ranked AS (SELECT id, distance, row_number() OVER (ORDER BY distance, id) AS r FROM vec)");
        }
        if (text) {
            // The query's folded words, each quoted for to_tsquery: any of them (OR) and all of them (AND).
            String quoted = "'''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''''";
            String words = "unnest(tsvector_to_array(to_tsvector('pg_catalog.simple'::regconfig, fold_text(" + p.textParam() + "))))";
            ctes.add("tq AS (SELECT fold_text(" + p.textParam() + ") AS folded, "
                    + "(SELECT nullif(string_agg(" + quoted + ", ' | '), '')::tsquery FROM " + words + " l (lexeme)) AS any_q, "
                    + "(SELECT nullif(string_agg(" + quoted + ", ' & '), '')::tsquery FROM " + words + " l (lexeme)) AS all_q)");
            String ts = "CASE WHEN tq.any_q IS NULL THEN 0 ELSE ts_rank_cd(v.search_tsv, tq.any_q, 32) END";
            String trgm = "word_similarity(tq.folded, v.search_folded)";
            String scored = "v.id, (" + ts + ")::float8 AS ts, (" + trgm + ")::float8 AS trgm";
            // Every word (or, failing that, trigram similarity) through the index, in the SECURITY DEFINER
            // function of V2 (GIN under row-level security); any single word among the most recent rows.
            ctes.add("recent AS (SELECT v.* FROM tenant_offering_version v WHERE " + p.predicate() + " ORDER BY v.id DESC LIMIT "
                    + p.textWindow() + ")");
            ctes.add("txt AS (SELECT id, max(ts) AS ts, max(trgm) AS trgm FROM ("
                    + "(SELECT " + scored + " FROM tenant_offering_version v CROSS JOIN tq WHERE " + p.predicate()
                    + " AND v.id IN (SELECT offering_text_matches(" + p.tenant() + ", (SELECT all_q FROM tq), (SELECT folded FROM tq), "
                    + p.thresholdParam() + "::real, " + p.textCap() + "))) UNION ALL "
                    + "(SELECT " + scored + " FROM recent v CROSS JOIN tq WHERE tq.any_q IS NOT NULL AND v.search_tsv @@ tq.any_q)"
                    + ") x GROUP BY id ORDER BY max(ts) + max(trgm) DESC, id LIMIT " + p.candidates() + ")");
            ctes.add("txt_ranked AS (SELECT id, ts, trgm, row_number() OVER (ORDER BY ts + trgm DESC, id) AS r FROM txt)");
        }
        if (p.vector() && text) {
            ctes.add("fused AS (SELECT CASE WHEN x.id IS NULL THEN t.id ELSE x.id END AS id, x.r AS vector_rank, x.distance, "
                    + "t.r AS text_rank, t.ts AS text_score, t.trgm AS trigram_similarity FROM vec_ranked x FULL JOIN txt_ranked t ON t.id = x.id)");
        } else if (p.vector()) {
            ctes.add("fused AS (SELECT id, r AS vector_rank, distance, NULL::bigint AS text_rank, NULL::float8 AS text_score, "
                    + "NULL::float8 AS trigram_similarity FROM vec_ranked)");
        } else {
            ctes.add("fused AS (SELECT id, NULL::bigint AS vector_rank, NULL::float8 AS distance, r AS text_rank, ts AS text_score, "
                    + "trgm AS trigram_similarity FROM txt_ranked)");
        }
        String k = p.rrfK() + "::int";
        return "WITH " + String.join(",\n", ctes) + "\nSELECT v.id AS version_id, v.offering_id, v.version, v.name, v.description, "
                + "o.code, o.offering_type, o.domain_id, f.vector_rank, 1 - f.distance AS vector_similarity, f.text_rank, "
                + "f.text_score, f.trigram_similarity, coalesce(1.0::float8 / (" + k + " + f.vector_rank), 0) + "
                + "coalesce(1.0::float8 / (" + k + " + f.text_rank), 0) AS score "
                // One primary-key probe per hit (memory-service measured a plain join scanning the tenant).
                + "FROM fused f CROSS JOIN LATERAL (SELECT * FROM tenant_offering_version v WHERE v.tenant_id = " + p.tenant()
                + " AND v.id = f.id LIMIT 1) v JOIN tenant_offering o ON o.tenant_id = v.tenant_id AND o.id = v.offering_id "
                + "ORDER BY score DESC, v.id LIMIT " + p.limit();
    }

    static OfferingHit hit(Row row) {
        Long vectorRank = row.getLong("vector_rank");
        Long textRank = row.getLong("text_rank");
        return new OfferingHit(row.getUUID("offering_id"), row.getUUID("version_id"), row.getInteger("version"), row.getString("code"),
                row.getString("offering_type"), row.getUUID("domain_id"), row.getString("name"), row.getString("description"),
                row.getDouble("score"), row.getDouble("vector_similarity"),
                new OfferingHit.ScoreParts(vectorRank == null ? null : vectorRank.intValue(), textRank == null ? null : textRank.intValue(),
                        row.getDouble("text_score"), row.getDouble("trigram_similarity")));
    }
}
