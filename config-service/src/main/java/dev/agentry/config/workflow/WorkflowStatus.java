package dev.agentry.config.workflow;

/** A workflow's lifecycle. */
public enum WorkflowStatus {
    DRAFT, ACTIVE, INACTIVE, ARCHIVED
}
