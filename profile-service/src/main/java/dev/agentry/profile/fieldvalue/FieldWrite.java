package dev.agentry.profile.fieldvalue;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One field value to record. {@code confidence} defaults to 1, {@code verified} to false;
 * {@code valid_to}, when given, is when the value stops being valid (it must be in the future),
 * e.g. a temporary address. The value is trimmed.
 */
public record FieldWrite(
        @NotBlank @Pattern(regexp = FieldWrite.NAME, message = FieldWrite.NAME_MESSAGE) String name,
        @NotBlank @Size(max = 4000) String value,
        @NotNull FieldSource source,
        @DecimalMin("0.0") @DecimalMax("1.0") Double confidence,
        Boolean verified,
        Instant validTo) {

    public static final String NAME = "^[a-z][a-z0-9_.]{0,99}$";
    public static final String NAME_MESSAGE = "must be a lower-case letter then lower-case letters, digits, '_' or '.' (at most 100)";

    public double confidenceOrDefault() {
        return confidence == null ? 1.0 : confidence;
    }

    public boolean isVerified() {
        return Boolean.TRUE.equals(verified);
    }
}
