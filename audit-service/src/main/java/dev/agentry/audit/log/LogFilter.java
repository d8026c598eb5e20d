package dev.agentry.audit.log;

import java.time.Instant;

/** What a list of audit logs is narrowed to; null fields do not narrow. */
record LogFilter(String actor, String action, String resourceType, String resourceId, Instant from, Instant to) {
}
