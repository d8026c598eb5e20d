package dev.agentry.conversation.dependency;

import java.util.UUID;

/** An episode memory-service retrieved for the customer, with its vector similarity. */
public record MemoryHit(UUID episodeId, String content, double similarity) {
}
