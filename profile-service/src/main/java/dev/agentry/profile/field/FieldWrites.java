package dev.agentry.profile.field;

import dev.agentry.profile.fieldvalue.FieldWrite;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /v1/profiles/{id}/fields}: up to 50 values, recorded in one transaction. */
public record FieldWrites(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid FieldWrite> fields) {
}
