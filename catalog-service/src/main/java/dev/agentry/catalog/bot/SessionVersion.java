package dev.agentry.catalog.bot;

import java.util.UUID;

/**
 * The version that answers a session: from the traffic split when the bot has one ({@code source}
 * {@code split}, with the session's {@code bucket}, 0..99), else the active version ({@code active}).
 */
public record SessionVersion(UUID botId, UUID agentId, String sessionId, UUID versionId, int version, String source, Integer bucket) {
}
