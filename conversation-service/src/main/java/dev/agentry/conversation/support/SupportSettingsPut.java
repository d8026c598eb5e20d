package dev.agentry.conversation.support;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code PUT /v1/support/settings}: the whole settings (an absent field takes its
 * default). Keyword lists replace the service's defaults; an empty list means none.
 */
public record SupportSettingsPut(
        UUID kbCollectionId,
        @DecimalMin("0.0") @DecimalMax("1.0") Double kbMinSimilarity,
        @Min(1) @Max(10) Integer answerChunks,
        Boolean autoAnswer,
        Boolean answerWithLlm,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> escalationKeywords,
        @Size(max = 200) List<@NotBlank @Size(max = 100) String> humanRequestPhrases,
        Boolean escalateUrgent,
        @Size(max = 2048) String escalationWebhookUrl) {
}
