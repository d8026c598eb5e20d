package dev.agentry.memory.search;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Why a hit ranked where it did: the fused {@code score} and its parts. A ranking the hit did not
 * appear in (or that did not run) leaves its rank and value null.
 *
 * @param score            reciprocal-rank fusion of the rankings plus the weighted recency and importance
 * @param vectorRank       1-based rank in the vector ranking
 * @param vectorSimilarity cosine similarity to the query vector (1 identical, 0 unrelated)
 * @param textRank         1-based rank in the full-text ranking
 * @param textScore        {@code ts_rank_cd} of the row for the query's lexemes, 0..1
 * @param recency          1 when just recorded, halving every configured half-life (0 when it does not apply)
 * @param importance       the row's importance, 0..1 (0 when it does not apply)
 */
public record HitScores(double score, Integer vectorRank, Double vectorSimilarity, Integer textRank, Double textScore,
        double recency, double importance) {

    /** Reads the parts {@link HybridSql} selects. */
    public static HitScores of(Row row) {
        Long vectorRank = row.getLong("vector_rank");
        Long textRank = row.getLong("text_rank");
        Float textScore = row.getFloat("text_score");
        return new HitScores(row.getDouble("hit_score"), vectorRank == null ? null : vectorRank.intValue(),
                row.getDouble("vector_similarity"), textRank == null ? null : textRank.intValue(),
                textScore == null ? null : textScore.doubleValue(), row.getDouble("hit_recency"),
                row.getDouble("hit_importance"));
    }
}
