package dev.agentry.config.migration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A plan that moves live sessions of a scenario from one version to a later one. */
public record MigrationPlan(
        UUID id,
        UUID scenarioId,
        int fromVersion,
        int toVersion,
        PlanStatus status,
        Map<String, StepMapping> transformationMap,
        AnchorPolicies anchorPolicies,
        ScopeFilter scopeFilter,
        String createdBy,
        String approvedBy,
        String deployedBy,
        String rejectedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant approvedAt,
        Instant deployedAt,
        Instant rejectedAt) {
}
