package dev.agentry.memory.episode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An episode as the API shows it (without its vector, which only the search uses). Bi-temporal:
 * {@code valid_from}/{@code valid_to} say when it held in the world, {@code recorded_at} when
 * Agentry learned it.
 */
public record Episode(
        UUID id,
        UUID agentId,
        UUID customerProfileId,
        UUID sessionId,
        UUID groupId,
        EpisodeType episodeType,
        String content,
        String language,
        String embeddingModel,
        double importance,
        Instant validFrom,
        Instant validTo,
        Instant recordedAt,
        Map<String, Object> metadata,
        Instant updatedAt) {
}
