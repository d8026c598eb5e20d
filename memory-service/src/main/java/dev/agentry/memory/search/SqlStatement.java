package dev.agentry.memory.search;

import io.vertx.mutiny.sqlclient.Tuple;

/** A statement and its parameters, as a store sends it; public so that the benchmark runs the same SQL raw. */
public record SqlStatement(String sql, Tuple params) {
}
