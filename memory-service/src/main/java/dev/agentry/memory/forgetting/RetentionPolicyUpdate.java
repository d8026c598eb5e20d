package dev.agentry.memory.forgetting;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /v1/retention-policies/{episode_type}}: an ISO-8601 duration such as {@code P90D}. */
public record RetentionPolicyUpdate(@NotBlank @Size(max = 40) String maxAge) {
}
