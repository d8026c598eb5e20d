package dev.agentry.catalog.bot;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A bot's A/B split: exactly two of its versions, integer percentages summing to 100. The body of
 * {@code PUT /v1/bots/{id}/traffic-split} and its answer.
 */
public record TrafficSplit(@NotNull @Size(min = 2, max = 2) List<@Valid @NotNull Arm> arms) {

    /** One side of the split. */
    public record Arm(@NotNull UUID versionId, Integer version, @NotNull @Min(0) @Max(100) Integer percent) {
    }
}
