package dev.agentry.common.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How plan limits are enforced, the same in every service ({@code agentry.limits.*}). */
@ConfigMapping(prefix = "agentry.limits")
public interface PlanLimitsConfig {

    /** Whether tenant requests are counted against the plan's daily limit (off only to measure the bare path). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a request waits for Redis to count it; past that (or with Redis down) the request is
     * let through unchecked and counted in {@code agentry_plan_limit_unchecked_total}: availability
     * comes before exact limits.
     */
    @WithDefault("250ms")
    Duration redisTimeout();
}
