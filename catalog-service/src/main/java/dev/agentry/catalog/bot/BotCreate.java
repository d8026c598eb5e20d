package dev.agentry.catalog.bot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The body of {@code POST /v1/bots}: {@code code} is unique per tenant and never changes. */
public record BotCreate(
        @NotBlank @Pattern(regexp = BotCreate.CODE, message = "must be a lower-case letter then lower-case letters, digits, '_', '.' or '-' (at most 64)") String code,
        @NotBlank @Size(max = 200) String name,
        UUID domainId,
        @NotNull UUID agentId) {

    static final String CODE = "^[a-z][a-z0-9_.-]{0,63}$";
}
