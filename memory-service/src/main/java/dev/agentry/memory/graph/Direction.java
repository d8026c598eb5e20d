package dev.agentry.memory.graph;

/** Which edges a graph walk follows from an entity: to its targets, from its sources, or both. */
public enum Direction {
    OUTGOING, INCOMING, BOTH
}
