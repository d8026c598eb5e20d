package dev.agentry.conversation.session;

/** How a session ends: {@code ended} (the default), {@code failed} or {@code cancelled}. */
public record SessionEnd(SessionStatus status) {
}
