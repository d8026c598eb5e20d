package dev.agentry.common.limits;

import java.time.Instant;

/**
 * A counter after a use: how much of the period is used, the limit ({@code -1} when the plan sets
 * none or it is not known), and when the period ends (the counter starts again then).
 */
public record Usage(long used, long limit, Instant resetsAt) {

    public boolean limited() {
        return limit >= 0;
    }

    public boolean exceeded() {
        return limited() && used > limit;
    }

    public long remaining() {
        return limited() ? Math.max(0, limit - used) : Long.MAX_VALUE;
    }

    /** Whole seconds from {@code now} until the counter starts again (at least 1). */
    public long secondsToReset(Instant now) {
        return Math.max(1, (resetsAt.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
    }
}
