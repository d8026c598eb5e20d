package dev.agentry.catalog.blueprint;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/domains/{id}/attributes}. {@code visibility}: {@code tenant} (the
 * default: the caller's tenant only; tenant admins) or {@code global} (every tenant; platform admins).
 */
public record AttributeDefinitionCreate(
        @NotBlank @Pattern(regexp = DomainCreate.CODE, message = "must be a lower-case letter then lower-case letters, digits or '_' (at most 64)") String key,
        @Size(max = 200) String label,
        @NotNull @Pattern(regexp = "^(text|number|boolean|json)$", message = "must be text, number, boolean or json") String valueType,
        @Pattern(regexp = DomainCreate.CODE, message = "must be a lower-case token such as physical, financial or categorical") String semanticType,
        @Valid ValueConstraint valueConstraint,
        @Pattern(regexp = "^(offering|variant)$", message = "must be offering or variant") String scope,
        Boolean isRequired,
        @Pattern(regexp = "^(global|tenant)$", message = "must be global or tenant") String visibility) {
}
