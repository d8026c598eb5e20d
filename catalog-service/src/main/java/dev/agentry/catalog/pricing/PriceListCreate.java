package dev.agentry.catalog.pricing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of {@code POST /v1/price-lists}. No {@code channel_id}: the tenant's default list for
 * the currency. A list that overlaps another of the same channel (or another default list) and
 * currency is refused (409).
 */
public record PriceListCreate(
        UUID channelId,
        @NotBlank @Size(max = 100) String code,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be a three-letter upper-case ISO 4217 code such as VND") String currency,
        Instant validFrom,
        Instant validTo) {
}
