package dev.agentry.audit.usage;

/** The bucket of a usage aggregate: a UTC calendar day or month. */
public enum Granularity {
    DAY,
    MONTH
}
