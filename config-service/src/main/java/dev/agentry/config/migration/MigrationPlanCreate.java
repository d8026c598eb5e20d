package dev.agentry.config.migration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** The body of {@code POST /v1/scenarios/{id}/migration-plans}: a draft mapping every step of {@code from_version}. */
public record MigrationPlanCreate(
        @NotNull @Min(1) Integer fromVersion,
        @NotNull @Min(2) Integer toVersion,
        @NotEmpty Map<String, @Valid @NotNull StepMapping> transformationMap,
        AnchorPolicies anchorPolicies,
        @Valid ScopeFilter scopeFilter) {
}
