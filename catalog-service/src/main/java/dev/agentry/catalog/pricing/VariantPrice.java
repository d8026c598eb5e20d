package dev.agentry.catalog.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A variant's price in one list. From price resolution, {@code source} says whether the channel's
 * own list ({@code channel}) or the tenant's default list ({@code default}) applied.
 */
public record VariantPrice(UUID variantId, UUID priceListId, String priceListCode, UUID channelId, String currency,
        BigDecimal amount, BigDecimal compareAt, Instant validFrom, Instant validTo, String source) {
}
