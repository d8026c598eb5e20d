package dev.agentry.common.limits;

import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ServiceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 429: a rate limit of the tenant's plan is used up until the period ends ({@code Retry-After}). */
public class RateLimitedException extends ServiceException {

    private final Map<String, String> headers;

    public RateLimitedException(String limitName, Usage usage, Instant now) {
        super(429, "rate-limit", "Too Many Requests", limitName + ": the plan allows " + usage.limit()
                + " in this period; it starts again at " + usage.resetsAt(),
                List.of(new FieldError(limitName, "limit " + usage.limit() + " reached")));
        Map<String, String> h = new LinkedHashMap<>(RateLimitHeaders.of(usage, now));
        h.put("Retry-After", Long.toString(usage.secondsToReset(now)));
        this.headers = Map.copyOf(h);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
