package dev.agentry.catalog.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * The body of {@code POST /v1/variants/{id}/inventory/reserve}: take {@code quantity} units out of
 * what is available (stock above safety stock), at one location or across all of them. All or
 * nothing: a reservation that cannot be met is 409 with what is available.
 */
public record StockReserve(
        @NotNull @Min(1) @Max(1_000_000_000) Integer quantity,
        UUID locationId) {
}
