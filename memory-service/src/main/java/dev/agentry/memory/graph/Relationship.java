package dev.agentry.memory.graph;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An edge of the knowledge graph, with its validity in the world ({@code valid_from} to
 * {@code valid_to}, open when null) and when Agentry recorded it. A relationship contradicted by a
 * newer one of the same exclusive type is closed, not deleted: {@code invalidated_at} says when,
 * {@code invalidated_by} by which. An empty interval ({@code valid_to = valid_from}) is a fact
 * retracted by another with the same start: it never held.
 */
public record Relationship(
        UUID id,
        UUID sourceEntityId,
        UUID targetEntityId,
        String relationshipType,
        double confidence,
        Instant validFrom,
        Instant validTo,
        Instant recordedAt,
        Instant invalidatedAt,
        UUID invalidatedBy,
        Map<String, Object> metadata,
        Instant updatedAt) {

    /** Whether it holds at {@code at}. */
    public boolean validAt(Instant at) {
        return !validFrom.isAfter(at) && (validTo == null || validTo.isAfter(at));
    }
}
