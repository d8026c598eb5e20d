package dev.agentry.conversation.session;

import java.util.UUID;

/** How many sessions a profile merge moved to the surviving profile. */
public record MergeReceipt(UUID fromProfileId, UUID toProfileId, int sessionsMoved) {
}
