package dev.agentry.config.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code PATCH /v1/tenants/{id}}: fields left out (or null) keep their value. Status
 * changes have their own actions ({@code /suspend}, {@code /activate}, {@code DELETE}).
 */
public record TenantUpdate(
        @Size(min = 1, max = 255) String name,
        TenantPlan plan,
        @Valid TenantLimits limits,
        @Email @Size(max = 320) String contactEmail,
        @Size(max = 255) String contactName,
        @Size(max = 255) @Pattern(regexp = TenantCreate.DOMAIN, message = "must be a domain name") String domain,
        Map<String, Object> settings,
        Map<String, Object> metadata) {
}
