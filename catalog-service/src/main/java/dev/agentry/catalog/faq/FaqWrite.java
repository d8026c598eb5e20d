package dev.agentry.catalog.faq;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/faq} and {@code PUT /v1/faq/{id}} (a full replacement). The question
 * is embedded on every write. {@code bot_id} null makes an entry of the tenant's bot-less FAQ;
 * {@code offering_id} links a live offering of the tenant; {@code priority} (default 0) breaks ties
 * of similarity, higher first; {@code active} defaults to true.
 */
public record FaqWrite(
        UUID botId,
        UUID domainId,
        UUID offeringId,
        @NotBlank @Size(max = 2000) String question,
        @NotBlank @Size(max = 20000) String answer,
        @Size(min = 1, max = 100) String category,
        Integer priority,
        Boolean active) {
}
