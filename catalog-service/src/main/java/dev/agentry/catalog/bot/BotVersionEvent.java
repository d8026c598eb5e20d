package dev.agentry.catalog.bot;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One change of which version serves a bot: {@code activate}, {@code rollback}, {@code split_set}
 * or {@code split_cleared}, with the active version before ({@code from_version_id}) and after
 * ({@code to_version_id}), who did it and, for a split, its percentages ({@code detail}).
 */
public record BotVersionEvent(UUID id, UUID botId, String kind, UUID fromVersionId, UUID toVersionId, Map<String, Object> detail,
        String actor, Instant createdAt) {
}
