package dev.agentry.catalog.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /v1/inventory/locations}; {@code type}: warehouse (default), store or virtual. */
public record LocationCreate(
        @NotBlank @Size(max = 100) String code,
        @Size(max = 200) String name,
        @Pattern(regexp = "^(warehouse|store|virtual)$", message = "must be warehouse, store or virtual") String type) {
}
