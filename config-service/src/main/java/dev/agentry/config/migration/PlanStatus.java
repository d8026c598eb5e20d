package dev.agentry.config.migration;

/** A migration plan's lifecycle: DRAFT -> APPROVED -> DEPLOYED, or REJECTED from DRAFT or APPROVED. */
public enum PlanStatus {
    DRAFT, APPROVED, DEPLOYED, REJECTED
}
