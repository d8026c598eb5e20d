package dev.agentry.memory.forgetting;

/** Where a maximum age comes from: the tenant's own policy, the service default, or none (kept forever). */
public enum RetentionSource {
    TENANT, DEFAULT, NONE
}
