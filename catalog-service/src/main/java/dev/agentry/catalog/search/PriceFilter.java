package dev.agentry.catalog.search;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * Keeps offerings with an active variant whose price now (resolved as {@code GET
 * /v1/variants/{id}/price} does: the channel's list, else the default list) lies in
 * [{@code min}, {@code max}] in {@code currency}.
 */
public record PriceFilter(
        String channel,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be a three-letter upper-case ISO 4217 code such as VND") String currency,
        @DecimalMin("0") BigDecimal min,
        @DecimalMin("0") BigDecimal max) {
}
