package dev.agentry.profile.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /v1/profiles/{id}}: links the profile to the tenant's own customer id. */
public record ProfileUpdate(@NotBlank @Size(max = 255) String externalId) {
}
