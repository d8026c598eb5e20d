package dev.agentry.catalog.imports;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@code POST /v1/import-jobs}: {@code kind} ({@code offerings} or {@code faq})
 * and either the {@code records}, each an object with the columns of the CSV form
 * (docs/catalog-service.md; values may be JSON numbers and {@code attributes} a JSON object), or a
 * {@code url} to fetch the file from (a host the operator allowed, never an internal address) with
 * its {@code format} ({@code csv} or {@code json}: an array of records).
 */
public record ImportJobCreate(
        @NotNull @Pattern(regexp = "^(offerings|faq)$", message = "must be offerings or faq") String kind,
        @Size(min = 1, max = 10_000) List<Map<String, Object>> records,
        @Size(max = 2000) String url,
        @Pattern(regexp = "^(csv|json)$", message = "must be csv or json") String format) {
}
