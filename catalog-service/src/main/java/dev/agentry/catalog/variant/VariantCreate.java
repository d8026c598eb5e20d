package dev.agentry.catalog.variant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code POST /v1/offerings/{id}/variants}: a SKU unique per tenant and variant-scope attributes. */
public record VariantCreate(
        @NotBlank @Size(max = 100) String sku,
        @Size(max = 500) String name,
        Map<String, Object> attributes) {
}
