package dev.agentry.memory.knowledge.chunk;

import java.util.UUID;

/** Where a hit comes from: its document's title, file name and current version. */
public record ChunkSource(UUID documentId, String title, String filename, int documentVersion) {
}
