package dev.agentry.conversation.session;

import java.util.Map;

/**
 * A change of a live session, sent with {@code If-Match: "<version>"}. {@code variables} is merged key
 * by key (a key set to null is removed); {@code status} may be {@code active}, {@code idle} or
 * {@code escalated} (a session ends through {@code POST /v1/sessions/{id}/end}).
 */
public record SessionPatch(Map<String, Object> variables, SessionStatus status) {
}
