package dev.agentry.conversation.support;

/**
 * Why a ticket escalated: {@code trigger} is {@code keyword}, {@code human_requested},
 * {@code urgent_priority} or {@code low_kb_score}; {@code detail} says what fired (the keyword
 * found, the best similarity against the threshold).
 */
public record EscalationReason(String trigger, String detail) {
}
