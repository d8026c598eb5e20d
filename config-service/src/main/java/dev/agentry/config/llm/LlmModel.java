package dev.agentry.config.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A model of the platform's registry (multi-agent seed's llm_models). */
public record LlmModel(
        UUID id,
        String provider,
        String modelName,
        int contextWindow,
        @JsonProperty("cost_per_1k_input_tokens") double costPer1kInputTokens,
        @JsonProperty("cost_per_1k_output_tokens") double costPer1kOutputTokens,
        List<String> capabilities,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {
}
