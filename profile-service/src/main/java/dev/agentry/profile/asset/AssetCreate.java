package dev.agentry.profile.asset;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code POST /v1/profiles/{id}/assets}. {@code asset_type} is a lower-case token
 * ({@code document}, {@code image}, {@code order}, ...); {@code asset_reference} is where the asset
 * lives (a URL, an object key, an order number): the service stores references, never the bytes.
 */
public record AssetCreate(
        @NotBlank @Pattern(regexp = AssetCreate.TYPE, message = "must be a lower-case letter then lower-case letters, digits, '_', '.' or '-' (at most 50)") String assetType,
        @NotBlank @Size(max = 2048) String assetReference,
        Map<String, Object> metadata) {

    public static final String TYPE = "^[a-z][a-z0-9_.-]{0,49}$";
}
