package dev.agentry.config.scenario;

import java.time.Instant;

/** One version of a scenario: the current one ({@code archived_at} null) or one read back from the archive. */
public record ScenarioVersion(int version, boolean current, Instant archivedAt, Scenario scenario) {
}
