package dev.agentry.memory.episode;

import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /v1/episodes/search}. {@code query} is embedded (unless {@code embedding}
 * is sent, with its {@code embedding_model}) and matched as full text. {@code as_of} (default now)
 * keeps only episodes valid at that time; {@code known_at} only those recorded by then. The weights
 * default to the service's configuration; 0 turns a boost off. {@code strategy} ({@code auto},
 * {@code exact}, {@code index}; the deprecated {@code hnsw} means {@code index}) forces the vector plan.
 */
public record EpisodeSearch(
        @Size(max = 2000) String query,
        float[] embedding,
        @Size(min = 1, max = 100) String embeddingModel,
        SearchMode mode,
        SearchStrategy strategy,
        @Min(1) @Max(200) Integer limit,
        UUID agentId,
        UUID customerProfileId,
        UUID sessionId,
        UUID groupId,
        @Size(max = 4) List<EpisodeType> types,
        Instant asOf,
        Instant knownAt,
        @Pattern(regexp = "^[a-z]{2,3}$", message = "must be an ISO 639 language code such as en or vi") String language,
        @DecimalMin("0") @DecimalMax("1") Double recencyWeight,
        @DecimalMin("0") @DecimalMax("1") Double importanceWeight) {
}
