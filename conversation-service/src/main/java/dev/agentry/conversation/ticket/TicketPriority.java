package dev.agentry.conversation.ticket;

/** How urgent a ticket is (the seed's four values); {@code urgent} can be an escalation trigger. */
public enum TicketPriority {
    LOW, MEDIUM, HIGH, URGENT
}
