package dev.agentry.config.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code PATCH /v1/llm-models/{id}}: fields left out keep their value. */
public record LlmModelUpdate(
        @Positive Integer contextWindow,
        @JsonProperty("cost_per_1k_input_tokens") Double costPer1kInputTokens,
        @JsonProperty("cost_per_1k_output_tokens") Double costPer1kOutputTokens,
        @Size(max = 50) List<@Size(min = 1, max = 100) String> capabilities,
        Boolean enabled) {
}
