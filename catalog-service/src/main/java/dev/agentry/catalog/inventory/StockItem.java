package dev.agentry.catalog.inventory;

import java.time.Instant;
import java.util.UUID;

/** Stock of a variant at one location. */
public record StockItem(UUID locationId, String locationCode, int stockQty, int safetyStock, int available, Instant updatedAt) {
}
