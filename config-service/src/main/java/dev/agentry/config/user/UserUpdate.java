package dev.agentry.config.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code PATCH /v1/users/{id}}: fields left out (or null) keep their value. */
public record UserUpdate(
        @Email(regexp = UserCreate.EMAIL) @Size(min = 3, max = 320) String email,
        @Size(min = 12, max = 256, message = "must be 12 to 256 characters") String password,
        @Size(min = 2, max = 64) @Pattern(regexp = UserCreate.USERNAME, message = "must be letters, digits, '.', '_' or '-'") String username,
        @Size(max = 255) String fullName,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String avatarUrl,
        UserRole role,
        @Size(max = 100) List<@Size(min = 1, max = 100) String> permissions,
        UserStatus status,
        Boolean emailVerified) {
}
