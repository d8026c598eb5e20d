package dev.agentry.config.llm;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code PUT /v1/llm-config}. {@code api_key} is required the first time and optional
 * after (left out, the stored key stays). It is encrypted before any SQL runs and never returned.
 */
public record TenantLlmConfigPut(
        @NotNull UUID llmModelId,
        @Size(min = 8, max = 4096, message = "must be 8 to 4096 characters") String apiKey,
        @Positive Integer rateLimitRpm,
        @Positive Integer rateLimitTpm) {

    /** Never print the key, whoever logs this record. */
    @Override
    public String toString() {
        return "TenantLlmConfigPut[llmModelId=" + llmModelId + ", apiKey=" + (apiKey == null ? "null" : "***")
                + ", rateLimitRpm=" + rateLimitRpm + ", rateLimitTpm=" + rateLimitTpm + "]";
    }
}
