package dev.agentry.config.auth;

import java.util.List;
import java.util.UUID;

/** An issued token, OAuth 2 style: {@code access_token}, {@code token_type}, {@code expires_in} (seconds). */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, UUID tenantId, List<String> roles) {
}
