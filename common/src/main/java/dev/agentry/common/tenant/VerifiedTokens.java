package dev.agentry.common.tenant;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature, issuer, audience and expiry were already verified, so that a caller
 * sending the same bearer token on every request (the turn pipeline, a support desk) is verified
 * once per token rather than once per request: the RSA check and the claim parsing were a fifth
 * of the CPU of a {@code GET /v1/sessions/{id}} (docs/benchmarks.md).
 *
 * <p>A hit needs the byte-identical token, so nothing is trusted that was not verified, and it
 * counts only until the token's {@code exp}: after that the token goes through the verifier
 * again, which applies its own clock skew and refuses it when it is too old. The map is bounded:
 * when full, expired entries are dropped, and if none were, everything is (a cache miss only costs
 * one verification).
 */
final class VerifiedTokens {

    private final ConcurrentHashMap<String, JsonWebToken> tokens = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The verified token, or null when it is not here or its {@code exp} has passed. */
    JsonWebToken get(String token) {
        if (capacity == 0) {
            return null;
        }
        JsonWebToken verified = tokens.get(token);
        if (verified == null) {
            return null;
        }
        if (expired(verified, clock.millis() / 1000)) {
            tokens.remove(token, verified);
            return null;
        }
        return verified;
    }

    void put(String token, JsonWebToken verified) {
        if (capacity == 0 || expiry(verified) <= 0) {
            return; // a token without exp is never cached: it would never leave on its own
        }
        if (tokens.size() >= capacity) {
            long now = clock.millis() / 1000;
            tokens.values().removeIf(t -> expired(t, now));
            if (tokens.size() >= capacity) {
                tokens.clear();
            }
        }
        tokens.put(token, verified);
    }

    int size() {
        return tokens.size();
    }

    private static boolean expired(JsonWebToken token, long nowSeconds) {
        return expiry(token) <= nowSeconds;
    }

    /** {@code exp} in epoch seconds, 0 when absent (JsonWebToken's own getter fails on a missing one). */
    private static long expiry(JsonWebToken token) {
        return token.getClaim("exp") instanceof Number exp ? exp.longValue() : 0;
    }
}
