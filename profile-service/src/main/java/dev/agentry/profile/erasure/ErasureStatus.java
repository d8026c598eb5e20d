package dev.agentry.profile.erasure;

/** An erasure request: {@code pending} until every expected store has answered, then {@code complete}. */
public enum ErasureStatus {
    PENDING, COMPLETE
}
