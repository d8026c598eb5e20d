package dev.agentry.memory.graph;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /v1/relationships}: a fact "source -type-> target" holding from
 * {@code valid_from} (default now) to {@code valid_to} (default open). {@code exclusive} says the
 * source holds one target of this type at a time (a customer lives in one city): then a current
 * relationship to another target is closed where this one starts. Left out, it follows the
 * configured list of exclusive types ({@code agentry.memory.graph.exclusive-types}).
 */
public record RelationshipCreate(
        @NotNull UUID sourceEntityId,
        @NotNull UUID targetEntityId,
        @NotBlank @Size(max = 100) @Pattern(regexp = EntityCreate.TYPE, message = "must be lower_snake_case") String relationshipType,
        @DecimalMin("0") @DecimalMax("1") Double confidence,
        Instant validFrom,
        Instant validTo,
        Boolean exclusive,
        Map<String, Object> metadata) {
}
