package dev.agentry.memory.graph;

import java.util.List;

/**
 * The answer of {@code POST /v1/relationships}: the relationship (new, or the current one it
 * restated, {@code created = false}), and the relationships it closed because it contradicts them.
 */
public record RelationshipAssertion(Relationship relationship, boolean created, List<Relationship> closed) {
}
