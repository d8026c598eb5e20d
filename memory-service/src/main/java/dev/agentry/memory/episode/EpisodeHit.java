package dev.agentry.memory.episode;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.agentry.memory.search.HitScores;

/** One search hit: the episode and, beside it, its score and the parts of that score. */
public record EpisodeHit(Episode episode, @JsonUnwrapped HitScores scores) {
}
