package dev.agentry.memory.episode;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One episode to remember. The service embeds {@code content} unless the caller sends its own
 * {@code embedding} (then {@code embedding_model} is required and the width is checked).
 * {@code valid_from} defaults to now, {@code importance} to 0.5, {@code language} to {@code en}.
 */
public record EpisodeCreate(
        @NotNull UUID agentId,
        UUID customerProfileId,
        UUID sessionId,
        UUID groupId,
        @NotNull EpisodeType episodeType,
        @NotBlank @Size(max = EpisodeCreate.MAX_CONTENT) String content,
        @Pattern(regexp = "^[a-z]{2,3}$", message = "must be an ISO 639 language code such as en or vi") String language,
        float[] embedding,
        @Size(min = 1, max = 100) String embeddingModel,
        @DecimalMin("0") @DecimalMax("1") Double importance,
        Instant validFrom,
        Instant validTo,
        Map<String, Object> metadata) {

    /** Longest episode text; the embedding model reads far less (its window is 512 tokens). */
    public static final int MAX_CONTENT = 20_000;
}
