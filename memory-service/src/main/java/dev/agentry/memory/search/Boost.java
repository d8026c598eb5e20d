package dev.agentry.memory.search;

/**
 * What is added to the fused score besides the ranks: SQL (over alias {@code t}) of a row's
 * recency and importance in 0..1, and their weights.
 */
public record Boost(String recency, String importance, double recencyWeight, double importanceWeight) {

    /** No boost (knowledge chunks). */
    public static final Boost NONE = new Boost("0", "0", 0.0, 0.0);
}
