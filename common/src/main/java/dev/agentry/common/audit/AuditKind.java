package dev.agentry.common.audit;

import java.util.Locale;

/**
 * Which audit table a record lands in (audit-service, schema {@code audit}); spelled in lower case
 * on the stream and on the wire ({@code turn_record}, {@code audit_log}, ...).
 */
public enum AuditKind {
    /** One conversation turn: message, answer, what matched, tokens, latency (turn_records). */
    TURN_RECORD,
    /** A decision or incident inside a turn or session (audit_events). */
    AUDIT_EVENT,
    /** Who did what to which resource through an API (audit_logs, hash-chained per tenant). */
    AUDIT_LOG,
    /** A usage count for billing and plan limits (usage_metrics). */
    USAGE_METRIC,
    /** One state of an integration synchronisation run (integration_sync_logs). */
    SYNC_LOG;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind spelled {@code value}; an unknown spelling is an {@link IllegalArgumentException}. */
    public static AuditKind fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("kind is missing");
        }
        for (AuditKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind: " + value);
    }
}
