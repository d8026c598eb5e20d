package dev.agentry.memory.episode;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code PATCH /v1/episodes/{id}}: fields left out keep their value. Setting
 * {@code valid_to} ends the episode's validity (it stays, and "as of" queries before then find it);
 * the text and vector of a memory are never rewritten.
 */
public record EpisodeUpdate(
        @DecimalMin("0") @DecimalMax("1") Double importance,
        Instant validTo,
        Map<String, Object> metadata) {
}
