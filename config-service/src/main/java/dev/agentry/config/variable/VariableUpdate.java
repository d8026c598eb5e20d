package dev.agentry.config.variable;

import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /v1/variables/{id}}: fields left out (or null) keep their value; the name is fixed. */
public record VariableUpdate(@Size(max = 10_000) String description, Object defaultValue, UpdatePolicy updatePolicy,
        @Size(max = 255) String resolverToolId) {
}
