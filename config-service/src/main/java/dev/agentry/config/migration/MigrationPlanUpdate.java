package dev.agentry.config.migration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code PATCH /v1/migration-plans/{id}} (drafts only): fields left out keep their value. */
public record MigrationPlanUpdate(
        @Size(min = 1) Map<String, @Valid @NotNull StepMapping> transformationMap,
        AnchorPolicies anchorPolicies,
        @Valid ScopeFilter scopeFilter) {
}
