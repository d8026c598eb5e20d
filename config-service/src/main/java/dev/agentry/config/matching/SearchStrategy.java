package dev.agentry.config.matching;

/**
 * How a match searches. {@code AUTO} (the default) searches exactly while the agent has at most
 * {@code agentry.config.matching.exact-max-rows} candidate rows and through the HNSW index above;
 * the other two force one way (for benchmarks and diagnosis).
 */
public enum SearchStrategy {
    AUTO, EXACT, INDEX
}
