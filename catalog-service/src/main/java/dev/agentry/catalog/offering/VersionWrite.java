package dev.agentry.catalog.offering;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The content of a draft version: name, description and offering-scope attribute values by key
 * ({@code {"bedrooms": 3, "district": "Quận 7"}}), each checked against its definition.
 */
public record VersionWrite(
        @NotBlank @Size(max = 500) String name,
        @Size(max = 20000) String description,
        Map<String, Object> attributes) {
}
