package dev.agentry.conversation.session;

import java.util.UUID;

/**
 * The Redis keys of sessions, byte for byte the seed's (production-stores-data-model.md, "Redis Key
 * Structure") with the ids in place of the braces. No key holds a hash tag: each is its own slot on
 * Redis Cluster, and no command here spans two keys.
 */
public final class SessionKeys {

    private SessionKeys() {
    }

    /** String (JSON), 30 min: the hot cache of an active session. */
    public static String hot(UUID sessionId) {
        return "session:hot:" + sessionId;
    }

    /** String (JSON), 7 days: the durable copy, and the one compare-and-set runs on. */
    public static String persist(UUID sessionId) {
        return "session:persist:" + sessionId;
    }

    /** Set, 7 days: the session ids of an agent. */
    public static String agentIndex(UUID tenantId, UUID agentId) {
        return "session:index:agent:" + tenantId + ":" + agentId;
    }

    /** Set, 7 days: the session ids of a customer profile. */
    public static String customerIndex(UUID tenantId, UUID profileId) {
        return "session:index:customer:" + tenantId + ":" + profileId;
    }

    /** String, 7 days: the current session of a channel user (normalised channel and user id). */
    public static String channelIndex(UUID tenantId, String channel, String userId) {
        return "session:index:channel:" + tenantId + ":" + channel + ":" + userId;
    }
}
