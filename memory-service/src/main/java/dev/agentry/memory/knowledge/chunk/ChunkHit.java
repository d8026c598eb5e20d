package dev.agentry.memory.knowledge.chunk;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.agentry.memory.search.HitScores;
import java.util.Map;

/**
 * One knowledge search hit: the chunk, its source document, and its score with the score's parts.
 * {@code page} and {@code heading} repeat the chunk's {@code metadata.page} and
 * {@code metadata.section} (the heading path, "Returns > Refunds") so a citation needs no digging;
 * null where the document has neither.
 */
public record ChunkHit(Chunk chunk, ChunkSource source, @JsonUnwrapped HitScores scores, Integer page, String heading) {

    /** The hit, with page and heading taken from the chunk's metadata. */
    public static ChunkHit of(Chunk chunk, ChunkSource source, HitScores scores) {
        Map<String, Object> m = chunk.metadata() == null ? Map.of() : chunk.metadata();
        Integer page = m.get("page") instanceof Number n ? n.intValue() : null;
        String heading = m.get("section") instanceof String h && !h.isBlank() ? h : null;
        return new ChunkHit(chunk, source, scores, page, heading);
    }
}
