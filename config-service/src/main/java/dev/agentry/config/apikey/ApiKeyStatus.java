package dev.agentry.config.apikey;

/** {@code EXPIRED} is derived from {@code expires_at} when read, so a key expires on time without a job. */
public enum ApiKeyStatus {
    ACTIVE, REVOKED, EXPIRED
}
