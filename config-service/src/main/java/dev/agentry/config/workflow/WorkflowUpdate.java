package dev.agentry.config.workflow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code PATCH /v1/workflows/{id}}: fields left out keep their value; a new definition bumps the version. */
public record WorkflowUpdate(
        @Size(min = 1, max = 255) String name,
        @Size(max = 10_000) String description,
        @Valid WorkflowDefinition definition,
        @Positive @Max(86_400) Integer timeoutSeconds,
        @Valid RetryConfig retryConfig,
        WorkflowStatus status,
        @Size(max = 100) List<@Size(min = 1, max = 100) String> tags,
        Map<String, Object> metadata) {
}
