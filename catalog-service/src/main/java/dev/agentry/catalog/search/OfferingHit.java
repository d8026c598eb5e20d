package dev.agentry.catalog.search;

import java.util.UUID;

/**
 * One search hit: the offering and its active version, the fused {@code score} (reciprocal-rank
 * fusion of the rankings it appeared in) and why it matched ({@code score_parts}).
 */
public record OfferingHit(UUID offeringId, UUID versionId, int version, String code, String offeringType, UUID domainId,
        String name, String description, double score, Double vectorSimilarity, ScoreParts scoreParts) {

    /**
     * @param vectorRank        1-based rank by meaning (null: not among the vector candidates, or no vector ranking)
     * @param textRank          1-based rank by text (null: no text match)
     * @param textScore         {@code ts_rank_cd} of the accent-folded words, 0..1
     * @param trigramSimilarity pg_trgm word similarity of the folded query to the folded name and description, 0..1
     */
    public record ScoreParts(Integer vectorRank, Integer textRank, Double textScore, Double trigramSimilarity) {
    }
}
