package dev.agentry.config.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it (never the password hash). */
public record User(
        UUID id,
        String email,
        String username,
        String fullName,
        String firstName,
        String lastName,
        String avatarUrl,
        UserRole role,
        List<String> permissions,
        UserStatus status,
        boolean emailVerified,
        Instant lastLoginAt,
        Instant createdAt,
        Instant updatedAt) {
}
