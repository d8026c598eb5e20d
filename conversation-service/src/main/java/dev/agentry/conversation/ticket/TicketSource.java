package dev.agentry.conversation.ticket;

/** Where a ticket came from; {@code chat} tickets may name the session they came from. */
public enum TicketSource {
    WEB, EMAIL, API, CHAT
}
