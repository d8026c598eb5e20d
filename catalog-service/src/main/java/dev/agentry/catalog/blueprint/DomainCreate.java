package dev.agentry.catalog.blueprint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code POST /v1/domains} (platform admins). {@code domain_type}: offering (default) or business. */
public record DomainCreate(
        @NotBlank @Pattern(regexp = DomainCreate.CODE, message = "must be a lower-case letter then lower-case letters, digits or '_' (at most 64)") String code,
        @NotBlank @Size(max = 200) String name,
        @Pattern(regexp = "^(offering|business)$", message = "must be offering or business") String domainType,
        @Size(max = 4000) String description,
        Map<String, Object> flowConfig) {

    public static final String CODE = "^[a-z][a-z0-9_]{0,63}$";
}
