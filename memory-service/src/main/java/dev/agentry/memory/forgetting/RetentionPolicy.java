package dev.agentry.memory.forgetting;

import dev.agentry.memory.episode.EpisodeType;

/**
 * How long episodes of one type are kept (ISO-8601 duration, counted from {@code recorded_at}), and
 * whether that is the tenant's choice or the default; null {@code max_age}: kept until deleted.
 */
public record RetentionPolicy(EpisodeType episodeType, String maxAge, RetentionSource source) {
}
