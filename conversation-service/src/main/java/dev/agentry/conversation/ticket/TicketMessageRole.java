package dev.agentry.conversation.ticket;

/** Who wrote a ticket message: the customer ({@code user}), the AI or a support agent ({@code assistant}), or the system. */
public enum TicketMessageRole {
    USER, ASSISTANT, SYSTEM
}
