package dev.agentry.config.migration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /v1/scenarios/{id}/migration-plans/generate}; {@code to_version} defaults to the current one. */
public record GeneratePlanRequest(@NotNull @Min(1) Integer fromVersion, @Min(2) Integer toVersion) {
}
