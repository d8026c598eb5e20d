package dev.agentry.conversation.ticket;

import static dev.agentry.conversation.ticket.TicketStatus.CLOSED;
import static dev.agentry.conversation.ticket.TicketStatus.ESCALATED;
import static dev.agentry.conversation.ticket.TicketStatus.IN_PROGRESS;
import static dev.agentry.conversation.ticket.TicketStatus.OPEN;
import static dev.agentry.conversation.ticket.TicketStatus.PENDING_CUSTOMER;
import static dev.agentry.conversation.ticket.TicketStatus.REOPENED;
import static dev.agentry.conversation.ticket.TicketStatus.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketStatusTest {

    @Test
    void theMovesAreTheSeedsNineArrowsPlusTheTwoDocumentedOnes() {
        Set<List<TicketStatus>> seed = Set.of(List.of(OPEN, IN_PROGRESS), List.of(IN_PROGRESS, PENDING_CUSTOMER),
                List.of(PENDING_CUSTOMER, RESOLVED), List.of(RESOLVED, CLOSED), List.of(IN_PROGRESS, ESCALATED),
                List.of(PENDING_CUSTOMER, ESCALATED), List.of(ESCALATED, REOPENED), List.of(OPEN, REOPENED),
                List.of(REOPENED, CLOSED));
        Set<List<TicketStatus>> added = Set.of(List.of(OPEN, ESCALATED), List.of(RESOLVED, REOPENED));
        Set<List<TicketStatus>> expected = new HashSet<>(seed);
        expected.addAll(added);
        Set<List<TicketStatus>> actual = new HashSet<>();
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                if (from.canMoveTo(to)) {
                    actual.add(List.of(from, to));
                }
            }
        }
        assertEquals(expected, actual);
    }
}
