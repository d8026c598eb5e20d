package dev.agentry.catalog.blueprint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The body of {@code POST /v1/capabilities} (platform admins). */
public record CapabilityCreate(
        UUID domainId,
        @NotBlank @Pattern(regexp = DomainCreate.CODE, message = "must be a lower-case letter then lower-case letters, digits or '_' (at most 64)") String code,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description) {
}
