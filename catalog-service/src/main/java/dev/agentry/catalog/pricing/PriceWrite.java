package dev.agentry.catalog.pricing;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The body of {@code PUT /v1/price-lists/{id}/prices}: a variant's price in the list's currency,
 * an exact decimal (a JSON number, read without floating point). Writing it again replaces it.
 */
public record PriceWrite(
        @NotNull UUID variantId,
        @NotNull @DecimalMin("0") @Digits(integer = 18, fraction = 6) BigDecimal amount,
        @DecimalMin("0") @Digits(integer = 18, fraction = 6) BigDecimal compareAt) {
}
