package dev.agentry.audit.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The body of {@code POST /v1/audit/records}. */
public record RecordBatch(@NotEmpty List<@NotNull @Valid RecordIn> records) {
}
