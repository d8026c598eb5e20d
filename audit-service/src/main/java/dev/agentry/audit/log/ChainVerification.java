package dev.agentry.audit.log;

import java.time.Instant;

/**
 * The outcome of {@code GET /v1/audit/verify}: whether every audit_logs row of the tenant with
 * {@code from <= created_at < to} verifies against its content and its predecessor, how many rows
 * were checked, and the first broken link. {@code complete} is false when the range held more rows
 * than one call checks ({@code agentry.audit.verify-max-rows}); {@code next_after_seq} is where to
 * go on ({@code after_seq}). {@code anchor_seq} is the chain_seq of the first removed row the check
 * followed through its anchor (retention keeps one when it removes a chain's rows), null if none.
 */
public record ChainVerification(
        boolean verified,
        boolean complete,
        long checked,
        Long firstSeq,
        Long lastSeq,
        Long nextAfterSeq,
        Long anchorSeq,
        Instant from,
        Instant to,
        ChainBreak broken) {
}
