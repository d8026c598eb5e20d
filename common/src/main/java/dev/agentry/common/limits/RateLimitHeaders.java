package dev.agentry.common.limits;

import java.time.Instant;
import java.util.Map;

/** The {@code RateLimit-*} headers (IETF httpapi rate-limit fields) of a counted request. */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    static Map<String, String> of(Usage usage, Instant now) {
        return Map.of("RateLimit-Limit", Long.toString(usage.limit()),
                "RateLimit-Remaining", Long.toString(usage.remaining()),
                "RateLimit-Reset", Long.toString(usage.secondsToReset(now)));
    }
}
