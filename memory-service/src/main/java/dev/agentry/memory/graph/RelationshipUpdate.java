package dev.agentry.memory.graph;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code PATCH /v1/relationships/{id}}: fields left out keep their value. Setting
 * {@code valid_to} ends the fact (it stopped holding then); it is never deleted for that.
 */
public record RelationshipUpdate(
        @DecimalMin("0") @DecimalMax("1") Double confidence,
        Instant validTo,
        Map<String, Object> metadata) {
}
