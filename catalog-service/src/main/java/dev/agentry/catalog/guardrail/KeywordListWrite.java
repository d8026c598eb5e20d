package dev.agentry.catalog.guardrail;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /v1/guardrails/keyword-lists} and {@code PUT .../{id}}: words or phrases
 * matched whole, case- and accent-insensitively. {@code code} is not a built-in detector's name.
 */
public record KeywordListWrite(
        @NotBlank @Pattern(regexp = "^[a-z][a-z0-9_]{0,63}$", message = "must be a lower-case letter then lower-case letters, digits or '_' (at most 64)") String code,
        @NotNull @Size(min = 1, max = 1000) List<@NotBlank @Size(max = 200) String> words) {
}
