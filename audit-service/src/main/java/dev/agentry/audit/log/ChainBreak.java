package dev.agentry.audit.log;

import java.time.Instant;
import java.util.UUID;

/**
 * The first link of the chain that does not verify. {@code reason}: {@code content_changed} (the
 * row's old/new values, IP, user agent, error or metadata differ from what was hashed),
 * {@code row_changed} (another field, or the stored hash itself, differs), {@code previous_row_missing}
 * (the row before it in the chain is gone), {@code duplicate_chain_seq} (two rows claim one place).
 */
public record ChainBreak(long chainSeq, UUID id, Instant createdAt, String reason) {
}
