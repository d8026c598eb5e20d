package dev.agentry.catalog.inventory;

import java.util.List;
import java.util.UUID;

/**
 * A variant's stock: per location, and {@code available}, the sum over locations of the stock
 * above safety stock. After a reservation, {@code reserved} is what was taken from each location.
 */
public record Availability(UUID variantId, int available, List<StockItem> items, List<Reserved> reserved) {

    /** Units taken from one location by a reservation. */
    public record Reserved(UUID locationId, int quantity) {
    }
}
