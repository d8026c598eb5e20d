package dev.agentry.audit.usage;

import java.time.Instant;
import java.util.List;

/** Usage per metric type and period over {@code [from, to)}, periods ascending. */
public record UsageReport(Granularity granularity, Instant from, Instant to, List<UsageBucket> buckets) {
}
