package dev.agentry.common.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * How a vector search ranks, the one word every vector search of the suite uses (rule and scenario
 * match, episode, knowledge, FAQ and offering search). In a request: {@code auto} (the default)
 * searches exactly while the candidate set is small (or a filter is narrow) and through the HNSW
 * index above a measured threshold; {@code exact} and {@code index} force one way (benchmarks,
 * diagnosis). In an answer, the strategy that ran: {@code exact} or {@code index}.
 *
 * <p>Deprecated spelling, accepted for one release: {@code hnsw} means {@code index} (episode
 * search answered {@code hnsw} before the vocabulary was unified).
 */
public enum SearchStrategy {
    AUTO, EXACT, INDEX;

    /** The deprecated wire name of {@link #INDEX}, still read, never written. */
    public static final String DEPRECATED_INDEX_NAME = "hnsw";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the wire name (any case) or the deprecated {@code hnsw}; null for an unknown word. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SearchStrategy fromWire(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals(DEPRECATED_INDEX_NAME)) {
            return INDEX;
        }
        for (SearchStrategy s : values()) {
            if (s.wireName().equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be one of auto, exact, index");
    }

    /**
     * The strategy that runs for a request: a forced {@code exact} or {@code index} as asked;
     * otherwise exact for at most {@code exactMaxRows} candidate rows or a narrow filter (one
     * session, one document), the index above.
     */
    public static SearchStrategy choose(SearchStrategy requested, long candidateRows, long exactMaxRows,
            boolean narrowFilter) {
        if (requested == EXACT || requested == INDEX) {
            return requested;
        }
        return narrowFilter || candidateRows <= exactMaxRows ? EXACT : INDEX;
    }
}
