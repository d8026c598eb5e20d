package dev.agentry.config.variable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/agents/{agent_id}/variables}; the policy defaults to replace. */
public record VariableCreate(
        @NotBlank @Size(max = 255) @Pattern(regexp = VariableCreate.NAME, message = "must be a letter or '_' then letters, digits or '_'") String name,
        @Size(max = 10_000) String description,
        Object defaultValue,
        UpdatePolicy updatePolicy,
        @Size(max = 255) String resolverToolId) {

    public static final String NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
}
