package dev.agentry.catalog.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * The body of {@code POST /v1/variants/{id}/inventory/adjust}: add {@code delta} (negative to
 * remove) to the stock at one location, optionally setting its safety stock. Stock never goes
 * below zero: a removal larger than the stock is 409 and changes nothing.
 */
public record StockAdjust(
        @NotNull UUID locationId,
        @NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Integer delta,
        @Min(0) @Max(1_000_000_000) Integer safetyStock) {
}
