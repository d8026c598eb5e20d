package dev.agentry.config.variable;

/** What the variable's policy makes of the current and new value. */
public record ApplyResult(UpdatePolicy policy, Object value) {
}
