package dev.agentry.memory.knowledge.chunk;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.agentry.memory.search.HitScores;

/** One knowledge search hit: the chunk, its source document, and its score with the score's parts. */
public record ChunkHit(Chunk chunk, ChunkSource source, @JsonUnwrapped HitScores scores) {
}
