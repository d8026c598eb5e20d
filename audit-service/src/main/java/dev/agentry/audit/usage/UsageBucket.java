package dev.agentry.audit.usage;

import java.time.Instant;

/**
 * The sum of one metric over one day or month (UTC), by period_start: what plan limits and billing
 * read. {@code samples} is how many usage rows were summed.
 */
public record UsageBucket(String metricType, Instant period, long total, long samples) {
}
