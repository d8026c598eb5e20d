package dev.agentry.memory.forgetting;

import java.util.UUID;

/** What an erasure removed: every episode about the customer, their entities and the relationships touching those. */
public record CustomerErasure(UUID customerProfileId, int episodes, int entities, int relationships) {
}
