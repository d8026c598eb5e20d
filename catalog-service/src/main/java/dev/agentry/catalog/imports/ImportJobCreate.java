package dev.agentry.catalog.imports;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@code POST /v1/import-jobs}: {@code kind} ({@code offerings}) and the
 * {@code records}, each an object with the columns of the CSV form (docs/catalog-service.md);
 * values may be JSON numbers and {@code attributes} a JSON object.
 */
public record ImportJobCreate(
        @NotNull @Pattern(regexp = "^offerings$", message = "must be offerings") String kind,
        @NotNull @Size(min = 1, max = 10_000) List<Map<String, Object>> records) {
}
