package dev.agentry.conversation.ticket;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A ticket's status and the moves the seed's diagram draws (support-ticket-schema.md): open →
 * in_progress → pending_customer → resolved → closed; in_progress and pending_customer →
 * escalated; escalated → reopened; open → reopened; reopened → closed. Added, each for a reason
 * written in docs/conversation-service.md: open → escalated (the seed's own data flow escalates a
 * new ticket), and resolved → reopened (a customer who writes back after a resolution; without
 * it a resolved ticket could only close). Every other move is a 409 naming the allowed ones.
 */
public enum TicketStatus {
    OPEN, IN_PROGRESS, PENDING_CUSTOMER, RESOLVED, CLOSED, ESCALATED, REOPENED;

    private static final Map<TicketStatus, Set<TicketStatus>> NEXT = Map.of(
            OPEN, EnumSet.of(IN_PROGRESS, REOPENED, ESCALATED),
            IN_PROGRESS, EnumSet.of(PENDING_CUSTOMER, ESCALATED),
            PENDING_CUSTOMER, EnumSet.of(RESOLVED, ESCALATED),
            RESOLVED, EnumSet.of(CLOSED, REOPENED),
            CLOSED, EnumSet.noneOf(TicketStatus.class),
            ESCALATED, EnumSet.of(REOPENED),
            REOPENED, EnumSet.of(CLOSED));

    /** The statuses this one may move to, in declaration order. */
    public Set<TicketStatus> next() {
        return NEXT.get(this);
    }

    public boolean canMoveTo(TicketStatus to) {
        return NEXT.get(this).contains(to);
    }
}
