package dev.agentry.memory.episode;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /v1/episodes/bulk}: stored all together or not at all. */
public record EpisodeBulkCreate(@NotNull @Size(min = 1) List<@NotNull @Valid EpisodeCreate> episodes) {
}
