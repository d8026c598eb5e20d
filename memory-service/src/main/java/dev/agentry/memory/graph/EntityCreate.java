package dev.agentry.memory.graph;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /v1/entities}. {@code canonical_name} defaults to {@code name} with its
 * white space collapsed; an entity tied to a customer profile goes when that customer is erased.
 */
public record EntityCreate(
        UUID agentId,
        UUID customerProfileId,
        @NotBlank @Size(max = 500) String name,
        @NotBlank @Size(max = 100) @Pattern(regexp = EntityCreate.TYPE, message = "must be lower_snake_case") String entityType,
        @Size(min = 1, max = 500) String canonicalName,
        Map<String, Object> attributes) {

    /** Entity and relationship types: lower_snake_case. */
    public static final String TYPE = "^[a-z][a-z0-9_]*$";
}
