package dev.agentry.config.migration;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Which live sessions a deployed plan moves; every given condition must hold (an absent filter
 * moves them all). The runtime checks it against the session; the applicable-plan lookup checks
 * {@code channels} when told the session's channel.
 */
public record ScopeFilter(
        @Size(max = 50) List<@Size(min = 1, max = 50) String> channels,
        Instant sessionStartedAfter,
        Instant sessionStartedBefore) {
}
