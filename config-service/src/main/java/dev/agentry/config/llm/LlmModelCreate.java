package dev.agentry.config.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /v1/llm-models} (platform admins). Costs are checked by the service (they must be 0 or more). */
public record LlmModelCreate(
        @NotBlank @Size(max = 50) @Pattern(regexp = "^[a-z0-9][a-z0-9_.-]*$", message = "must be a lower-case provider id") String provider,
        @NotBlank @Size(max = 100) String modelName,
        @NotNull @Positive Integer contextWindow,
        @JsonProperty("cost_per_1k_input_tokens") Double costPer1kInputTokens,
        @JsonProperty("cost_per_1k_output_tokens") Double costPer1kOutputTokens,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> capabilities,
        Boolean enabled) {
}
