package dev.agentry.memory.forgetting;

import java.time.Instant;
import java.util.Map;

/** What a retention run deleted, per episode type (lower-case, as on the wire). */
public record RetentionRun(Instant ranAt, Map<String, Integer> deleted) {
}
