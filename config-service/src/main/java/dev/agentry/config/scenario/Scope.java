package dev.agentry.config.scenario;

/**
 * Where a rule or template applies: everywhere ({@code GLOBAL}), inside one scenario
 * ({@code SCENARIO}: {@code scope_id} is the scenario) or at one step of it ({@code STEP}:
 * {@code scope_id} is the scenario and {@code scope_step_id} the step).
 */
public enum Scope {
    GLOBAL, SCENARIO, STEP
}
