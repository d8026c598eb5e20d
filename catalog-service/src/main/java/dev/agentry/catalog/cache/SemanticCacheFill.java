package dev.agentry.catalog.cache;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /v1/semantic-cache}: a good answer to remember. The {@code question} is
 * embedded here unless its ready {@code embedding} + {@code embedding_model} come along (the vector
 * the turn made once). {@code bot_version_id} (a version of the tenant's bots, or null) and
 * {@code language} scope it; {@code source_faq_ids} and {@code source_offering_ids} say what the
 * answer was built from; {@code ttl_seconds} defaults to the tenant's setting. {@code built_at},
 * when given, is when the sources were read: a source changed since is 409, so that an answer built
 * from what has just changed is not stored.
 */
public record SemanticCacheFill(
        @NotBlank @Size(max = 2000) String question,
        @NotBlank @Size(max = 20000) String answer,
        float[] embedding,
        String embeddingModel,
        UUID botVersionId,
        @NotNull @Pattern(regexp = SemanticCacheLookup.LANGUAGE, message = "must be a BCP 47 language tag such as en or vi") String language,
        @Size(max = 50) List<@NotNull UUID> sourceFaqIds,
        @Size(max = 50) List<@NotNull UUID> sourceOfferingIds,
        @Min(1) @Max(SemanticCacheSettings.MAX_TTL_SECONDS) Integer ttlSeconds,
        Instant builtAt) {
}
