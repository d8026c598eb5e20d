package dev.agentry.config.variable;

/** How a new value combines with a session variable's current one: see {@link VariablePolicies}. */
public enum UpdatePolicy {
    REPLACE, APPEND, MERGE
}
