package dev.agentry.memory.graph;

import java.time.Instant;
import java.util.List;

/**
 * The answer of a graph query: the entities within {@code depth} hops of {@code entity} through
 * relationships valid at {@code as_of}, nearest first. {@code truncated} says a hop had more edges
 * than the per-hop bound and some were not followed.
 */
public record Neighbourhood(Entity entity, Instant asOf, int depth, List<Neighbour> neighbours, boolean truncated) {
}
