package dev.agentry.config.workflow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/workflows}; status defaults to draft. */
public record WorkflowCreate(
        @NotBlank @Size(max = 255) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$", message = "must be lower-case letters, digits and inner hyphens") String slug,
        @Size(max = 10_000) String description,
        @NotNull @Valid WorkflowDefinition definition,
        @Positive @Max(86_400) Integer timeoutSeconds,
        @Valid RetryConfig retryConfig,
        WorkflowStatus status,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> tags,
        Map<String, Object> metadata) {
}
