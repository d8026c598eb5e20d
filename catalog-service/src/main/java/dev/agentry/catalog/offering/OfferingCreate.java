package dev.agentry.catalog.offering;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/offerings}. {@code code} is unique among the tenant's live offerings,
 * {@code identity_key} too when given; {@code draft}, when given, becomes version 1 (a draft).
 */
public record OfferingCreate(
        UUID domainId,
        UUID botId,
        @NotNull @Pattern(regexp = "^(physical|service|asset|financial)$", message = "must be physical, service, asset or financial") String offeringType,
        @NotBlank @Size(max = 100) String code,
        @Size(min = 1, max = 200) String identityKey,
        @Valid VersionWrite draft) {
}
