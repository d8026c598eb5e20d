package dev.agentry.config.llm;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's LLM configuration as the API shows it: never the API key, only that one is set, its
 * last four characters (to recognise it) and the id of the master key that sealed it.
 */
public record TenantLlmConfig(
        UUID id,
        UUID llmModelId,
        LlmModel model,
        boolean apiKeySet,
        String apiKeyLast4,
        String apiKeyKeyId,
        int rateLimitRpm,
        int rateLimitTpm,
        Instant createdAt,
        Instant updatedAt) {
}
