package dev.agentry.config.user;

/** Only {@code ACTIVE} users can sign in. */
public enum UserStatus {
    ACTIVE, INACTIVE, SUSPENDED
}
