package dev.agentry.conversation.dependency;

import java.util.UUID;

/**
 * A knowledge-base chunk memory-service found: its text, where it comes from (the document's title,
 * page and heading path, for the citation), and its cosine similarity to the query.
 */
public record KnowledgeHit(UUID chunkId, String content, String title, Integer page, String heading, double similarity) {
}
