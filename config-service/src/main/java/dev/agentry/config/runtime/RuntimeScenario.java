package dev.agentry.config.runtime;

import java.util.UUID;

/** An enabled scenario at its current version (steps are read through the scenario API when a session enters it). */
public record RuntimeScenario(UUID scenarioId, String name, int version, String entryStepId) {
}
