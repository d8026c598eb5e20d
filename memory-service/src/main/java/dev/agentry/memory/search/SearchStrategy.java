package dev.agentry.memory.search;

/**
 * How the vector ranking was computed: {@code EXACT} compares every candidate row (a tenant or a
 * collection under the threshold, or a narrow filter such as one session), {@code HNSW} walks the
 * approximate index with an iterative scan; {@code TEXT} means no vector ranking ran (text mode).
 */
public enum SearchStrategy {
    EXACT, HNSW, TEXT;

    /** The vector strategy for {@code rows} candidate rows, given the configured threshold. */
    public static SearchStrategy forSize(long rows, long exactThreshold, boolean narrowFilter) {
        return narrowFilter || rows < exactThreshold ? EXACT : HNSW;
    }
}
