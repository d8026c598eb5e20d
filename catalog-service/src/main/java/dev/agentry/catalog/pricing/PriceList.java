package dev.agentry.catalog.pricing;

import java.time.Instant;
import java.util.UUID;

/**
 * A price list as answered: valid from {@code valid_from} (inclusive; null: always was) until
 * {@code valid_to} (exclusive; null: open-ended). Without channel it is the tenant's default list
 * for its currency.
 */
public record PriceList(UUID id, UUID channelId, boolean isDefault, String code, String currency, Instant validFrom,
        Instant validTo, Instant createdAt) {
}
