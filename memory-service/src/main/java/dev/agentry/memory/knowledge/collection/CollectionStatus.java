package dev.agentry.memory.knowledge.collection;

/** An archived collection is still searched but takes no new or replaced documents. */
public enum CollectionStatus {
    ACTIVE, ARCHIVED
}
