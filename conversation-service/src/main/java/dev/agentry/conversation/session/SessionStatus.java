package dev.agentry.conversation.session;

/**
 * A session's status, lower-case on the wire, in Redis and in PostgreSQL. {@code ended},
 * {@code failed} and {@code cancelled} are terminal (the agentic spec's {@code completed} is
 * {@code ended}); only {@code POST /v1/sessions/{id}/end} reaches them.
 */
public enum SessionStatus {
    ACTIVE, IDLE, ESCALATED, ENDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == ENDED || this == FAILED || this == CANCELLED;
    }
}
