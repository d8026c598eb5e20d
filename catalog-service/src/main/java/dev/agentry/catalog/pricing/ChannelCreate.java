package dev.agentry.catalog.pricing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/channels}: a lower-case code unique per tenant (web, zalo_oa, facebook). */
public record ChannelCreate(
        @NotBlank @Pattern(regexp = "^[a-z][a-z0-9_.-]{0,63}$", message = "must be a lower-case token such as web or zalo_oa") String code,
        @Size(max = 200) String name,
        Boolean isActive) {
}
