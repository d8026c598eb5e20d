package dev.agentry.config.apikey;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /v1/api-keys}. {@code scopes} are the roles the exchanged tokens carry
 * (e.g. {@code ["agent-runtime"]}); {@code user_id} optionally names the user the key acts for.
 */
public record ApiKeyCreate(
        @NotBlank @Size(max = 255) String name,
        @NotEmpty @Size(max = 5) List<@NotBlank String> scopes,
        @Future Instant expiresAt,
        UUID userId,
        Map<String, Object> metadata) {
}
