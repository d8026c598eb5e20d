package dev.agentry.config.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/auth/token}: {@code grant_type} {@code api_key} with {@code api_key},
 * or {@code password} with {@code tenant} (its slug), {@code email} and {@code password}.
 */
public record TokenRequest(
        @NotNull GrantType grantType,
        @Size(max = 128) String apiKey,
        @Size(max = 64) String tenant,
        @Size(max = 320) String email,
        @Size(max = 256) String password) {

    public enum GrantType {
        API_KEY, PASSWORD
    }
}
