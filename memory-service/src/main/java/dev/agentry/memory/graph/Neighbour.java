package dev.agentry.memory.graph;

/** An entity reached by a graph walk, how many hops away, and the edge that reached it first. */
public record Neighbour(Entity entity, int depth, Relationship via) {
}
