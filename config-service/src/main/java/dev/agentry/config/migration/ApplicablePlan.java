package dev.agentry.config.migration;

import java.util.UUID;

/**
 * The answer to "a session is on scenario S at version N: does a deployed plan move it?" for the
 * runtime: {@code plan} is null when none applies (the session stays where it is). Plans chain:
 * after applying one, ask again with its {@code to_version} until {@code plan} is null or
 * {@code current_version} is reached.
 */
public record ApplicablePlan(UUID scenarioId, int fromVersion, int currentVersion, MigrationPlan plan) {
}
