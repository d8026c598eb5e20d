package dev.agentry.config.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /v1/users}; role defaults to user, status to active. */
public record UserCreate(
        @NotBlank @Email(regexp = UserCreate.EMAIL) @Size(max = 320) String email,
        @NotBlank @Size(min = 12, max = 256, message = "must be 12 to 256 characters") String password,
        @Size(min = 2, max = 64) @Pattern(regexp = UserCreate.USERNAME, message = "must be letters, digits, '.', '_' or '-'") String username,
        @Size(max = 255) String fullName,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String avatarUrl,
        UserRole role,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> permissions,
        UserStatus status,
        Boolean emailVerified) {

    /** Something@domain.tld: stricter than the bare annotation, which accepts {@code a@b}. */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String USERNAME = "^[A-Za-z0-9._-]+$";
}
