package dev.agentry.memory.search;

/**
 * The sizes of one search (see {@code MemoryConfig.Search}).
 *
 * @param limit        hits answered
 * @param candidates   candidates kept per ranking before fusion (at least {@code limit})
 * @param textWindow   most recent rows of the filter in which one matching word is enough
 * @param textMatchCap rows holding every word taken at most
 * @param rrfK         k of reciprocal-rank fusion
 */
public record RankingLimits(int limit, int candidates, int textWindow, int textMatchCap, int rrfK) {
}
