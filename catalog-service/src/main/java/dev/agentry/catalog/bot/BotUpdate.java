package dev.agentry.catalog.bot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The body of {@code PUT /v1/bots/{id}}: everything but the code, replaced. */
public record BotUpdate(
        @NotBlank @Size(max = 200) String name,
        UUID domainId,
        @NotNull UUID agentId,
        @NotNull @Pattern(regexp = "^(active|archived)$", message = "must be active or archived") String status) {
}
