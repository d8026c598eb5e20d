package dev.agentry.audit.log;

import java.time.Instant;

/**
 * The outcome of {@code GET /v1/audit/verify}: whether every audit_logs row of the tenant with
 * {@code from <= created_at < to} verifies against its content and its predecessor, how many rows
 * were checked, and the first broken link. {@code complete} is false when the range held more rows
 * than one call checks ({@code agentry.audit.verify-max-rows}); {@code next_after_seq} is where to
 * go on ({@code after_seq}).
 */
public record ChainVerification(
        boolean verified,
        boolean complete,
        long checked,
        Long firstSeq,
        Long lastSeq,
        Long nextAfterSeq,
        Instant from,
        Instant to,
        ChainBreak broken) {
}
