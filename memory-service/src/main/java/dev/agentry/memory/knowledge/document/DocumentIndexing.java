package dev.agentry.memory.knowledge.document;

/**
 * The answer of an upload or replacement: the document, whether its text was already there
 * ({@code unchanged}: nothing was written), and what happened to chunks: added (embedded now or
 * reusing a stored vector of the same text), kept from the previous version, archived.
 */
public record DocumentIndexing(Document document, boolean unchanged, int chunksAdded, int chunksKept, int chunksArchived) {
}
