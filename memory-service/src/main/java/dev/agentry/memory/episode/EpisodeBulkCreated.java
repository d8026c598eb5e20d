package dev.agentry.memory.episode;

import java.util.List;
import java.util.UUID;

/** The answer of a bulk ingest: how many episodes were stored and their ids, in request order. */
public record EpisodeBulkCreated(int created, List<UUID> ids) {
}
