package dev.agentry.memory.graph;

import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code PATCH /v1/entities/{id}}: fields left out keep their value; attributes are replaced whole. */
public record EntityUpdate(
        @Size(min = 1, max = 500) String name,
        @Size(min = 1, max = 500) String canonicalName,
        Map<String, Object> attributes) {
}
