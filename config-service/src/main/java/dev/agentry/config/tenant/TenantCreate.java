package dev.agentry.config.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code POST /v1/tenants}; plan defaults to free, limits to the plan's. */
public record TenantCreate(
        @NotBlank @Size(max = 255) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = TenantCreate.SLUG, message = "must be lower-case letters, digits and inner hyphens") String slug,
        TenantPlan plan,
        @Valid TenantLimits limits,
        @Email @Size(max = 320) String contactEmail,
        @Size(max = 255) String contactName,
        @Size(max = 255) @Pattern(regexp = TenantCreate.DOMAIN, message = "must be a domain name") String domain,
        Map<String, Object> settings,
        Map<String, Object> metadata) {

    static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$";
    static final String DOMAIN = "^(?=.{1,255}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$";
}
